import Foundation

extension MustacheValue: Decodable {
    /// Decodes any JSON value: `true` and `false` become `.bool`, never `.number`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([MustacheValue].self) {
            self = .list(value)
        } else {
            self = .object(try container.decode([String: MustacheValue].self))
        }
    }

    /// Parses JSON text into a value.
    ///
    /// - Throws: `DecodingError` when `data` is not valid JSON.
    public init(json data: Data) throws {
        self = try JSONDecoder().decode(MustacheValue.self, from: data)
    }
}
