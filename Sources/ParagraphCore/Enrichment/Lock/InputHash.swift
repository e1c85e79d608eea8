import Foundation

/// Hashes what a model saw for one page and workflow, so a lock entry is reused
/// only while its input is unchanged.
///
/// The hash covers the body, title, language, model, prompt version and, for the
/// hero workflow, the image bytes. It never covers the fields being filled, so a
/// filled value does not invalidate itself.
public enum InputHash {
    public static func compute(
        workflow: Workflow, body: String, title: String, language: String, model: String, promptVersion: String,
        image: [UInt8]? = nil
    ) -> String {
        var message: [UInt8] = []
        for part in ["paragraph-input-v1", workflow.rawValue, body, title, language, model, promptVersion] {
            message += Array(part.utf8) + [0]
        }
        if let image { message += image }
        return hex(Sodium.hash(message, length: 16))
    }

    /// A short hash of a prompt template and its answer schema.
    public static func promptVersion(template: String, schema: String) -> String {
        hex(Sodium.hash(Array(("paragraph-prompt-v1\u{0}" + template + "\u{0}" + schema).utf8), length: 8))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
