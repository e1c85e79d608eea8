import Foundation

/// An image format that providers accept, recognised by the file's first bytes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, jpeg, gif, webp

    public var mediaType: String {
        switch self {
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .gif: return "image/gif"
        case .webp: return "image/webp"
        }
    }

    /// Recognise PNG, JPEG, GIF or WebP from the signature at the start of `data`, regardless of the file name.
    public static func detect(_ data: Data) -> ImageFormat? {
        let bytes = [UInt8](data.prefix(12))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return .png
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            return .jpeg
        }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) {
            return .gif
        }
        if bytes.count == 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        return nil
    }
}

/// The images one provider takes inline.
struct ImagePolicy: Sendable {
    var formats: Set<ImageFormat>
    /// The largest image in bytes before base64 encoding.
    var maxBytes: Int
    /// Whether a GIF with more than one frame is left out.
    var rejectsAnimatedGIF = false

    /// OpenAI: PNG, JPEG, WebP and non-animated GIF, up to 20 MB per image (OpenAI's
    /// images and vision guide, as mirrored in 2026).
    static let openAI = ImagePolicy(formats: [.png, .jpeg, .gif, .webp], maxBytes: 20_000_000, rejectsAnimatedGIF: true)
    /// Anthropic: the four formats, and the API limits the base64 text to 5 MiB, so the
    /// image itself to 3.75 MiB.
    static let anthropic = ImagePolicy(formats: [.png, .jpeg, .gif, .webp], maxBytes: 5 * 1024 * 1024 * 3 / 4)
    /// Gemini: PNG, JPEG and WebP (HEIC and HEIF too, not used here; no GIF). Inline
    /// data counts base64-encoded against the 20 MB request limit, so 14 MB leaves room for the text.
    static let gemini = ImagePolicy(formats: [.png, .jpeg, .webp], maxBytes: 14_000_000)
    /// xAI: JPEG and PNG up to 20 MiB (docs.x.ai image understanding guide, 2026).
    static let xAI = ImagePolicy(formats: [.png, .jpeg], maxBytes: 20 * 1024 * 1024)
    /// Groq: a request with a base64 image may be at most 4 MB (console.groq.com/docs/vision),
    /// so the image itself at most 3 MB before encoding. NOTE: Groq names no formats; these are OpenAI's.
    static let groq = ImagePolicy(formats: [.png, .jpeg, .gif, .webp], maxBytes: 3_000_000)

    /// Return the image and its format when this provider takes it, or nil when it must be left out.
    func accept(_ data: Data) -> (data: Data, format: ImageFormat)? {
        guard data.count <= maxBytes, let format = ImageFormat.detect(data), formats.contains(format) else { return nil }
        if format == .gif, rejectsAnimatedGIF, Self.isAnimatedGIF(data) {
            return nil
        }
        return (data, format)
    }

    /// Whether a GIF holds more than one frame, by walking its blocks (GIF89a specification).
    ///
    /// OpenAI takes only non-animated GIFs. A GIF that cannot be walked counts as animated, so it is left out.
    static func isAnimatedGIF(_ data: Data) -> Bool {
        let bytes = [UInt8](data)
        guard bytes.count >= 13 else { return true }
        var index = 13
        let flags = bytes[10]
        if flags & 0x80 != 0 {
            index += 3 * (1 << (Int(flags & 0x07) + 1))
        }
        var frames = 0
        func skipSubBlocks() -> Bool {
            while index < bytes.count {
                let size = Int(bytes[index])
                index += 1
                if size == 0 { return true }
                index += size
            }
            return false
        }
        while index < bytes.count {
            switch bytes[index] {
            case 0x2C:  // Image descriptor, then an optional local color table and the image data.
                frames += 1
                if frames > 1 { return true }
                guard index + 10 <= bytes.count else { return true }
                let localFlags = bytes[index + 9]
                index += 10
                if localFlags & 0x80 != 0 {
                    index += 3 * (1 << (Int(localFlags & 0x07) + 1))
                }
                index += 1  // LZW minimum code size
                guard skipSubBlocks() else { return true }
            case 0x21:  // Extension: label, then sub-blocks.
                index += 2
                guard skipSubBlocks() else { return true }
            case 0x3B:  // Trailer
                return frames != 1
            default:
                return true
            }
        }
        return frames != 1
    }
}
