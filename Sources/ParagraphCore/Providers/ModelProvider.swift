import Foundation

/// One of the six BYOK providers' HTTP APIs, spoken with the organization's key.
///
/// `complete(_:)` makes exactly one attempt. Wrap it in `RetryDriver`, or call
/// `complete(_:retrying:)`, to retry the failures whose class allows it.
public protocol ModelProvider: Sendable {
    var provider: Provider { get }

    /// Send one request and return the answer and its usage.
    ///
    /// - Throws: `ProviderError` for every failure the provider or the network
    ///   causes, or `CancellationError` when the task is cancelled.
    func complete(_ request: ModelRequest) async throws -> ModelResponse

    /// Return the ids of the models the key can use, from the provider's model-listing endpoint.
    ///
    /// - Throws: `ProviderError`, or `CancellationError`.
    func listModels() async throws -> [String]
}

extension ModelProvider {
    /// Call `complete(_:)` until it succeeds or `driver`'s policy gives up.
    ///
    /// - Throws: The `ProviderError` of a failure that is not retried,
    ///   `RetriesExhaustedError` when retries ran out, or `CancellationError`.
    public func complete(_ request: ModelRequest, retrying driver: RetryDriver) async throws -> ModelResponse {
        try await driver.run { _ in try await complete(request) }
    }
}

/// A structured request to a model, independent of the provider.
public struct ModelRequest: Sendable {
    /// The model id without the provider prefix, such as `gpt-5-mini`.
    public var model: String
    public var systemPrompt: String
    public var userText: String
    /// An image for the model to see, sent only when the model accepts images and the
    /// bytes are PNG, JPEG, GIF or WebP within the provider's size limit.
    public var image: Data?
    /// The shape of the answer; nil asks for plain text.
    public var output: StructuredOutput?
    /// The maximum number of output tokens, reasoning included where the provider counts it there.
    public var maxOutputTokens: Int

    public init(
        model: String, systemPrompt: String, userText: String, image: Data? = nil, output: StructuredOutput? = nil,
        maxOutputTokens: Int
    ) {
        self.model = model
        self.systemPrompt = systemPrompt
        self.userText = userText
        self.image = image
        self.output = output
        self.maxOutputTokens = maxOutputTokens
    }
}

/// A JSON schema the answer must match.
///
/// For strict structured output (OpenAI, xAI, Groq's GPT-OSS models) every property
/// must be listed in `required` and every object must set `additionalProperties: false`.
public struct StructuredOutput: Sendable {
    /// The schema's name, `[a-zA-Z0-9_-]{1,64}`; Anthropic also uses it as the tool's name.
    public var name: String
    public var schema: JSONValue
    /// An object that matches the schema, shown to models that only have a JSON mode.
    public var example: JSONValue?

    public init(name: String, schema: JSONValue, example: JSONValue? = nil) {
        self.name = name
        self.schema = schema
        self.example = example
    }
}

/// A model's answer with its usage.
public struct ModelResponse: Sendable {
    /// The answer: the JSON text itself when the request had a `StructuredOutput`.
    public var text: String
    /// The answer parsed as a JSON object, when the request had a `StructuredOutput`.
    public var json: JSONValue?
    public var usage: TokenUsage
    /// Estimated cost in US dollars from the catalog's prices, or nil when the model's price is unknown.
    public var costUSD: Double?
    /// The model as the provider reported it, often a dated snapshot of the requested id.
    public var reportedModel: String?
    /// Whether the image in the request was sent, or left out because the model or the provider could not take it.
    public var imageSent: Bool
    /// Sources the model cited, for requests that searched the web.
    public var citations: [Citation]

    public init(
        text: String, json: JSONValue? = nil, usage: TokenUsage, costUSD: Double?, reportedModel: String?,
        imageSent: Bool = false, citations: [Citation] = []
    ) {
        self.text = text
        self.json = json
        self.usage = usage
        self.costUSD = costUSD
        self.reportedModel = reportedModel
        self.imageSent = imageSent
        self.citations = citations
    }

    /// Decode the JSON answer into a type.
    public func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A web page a model cited in its answer.
public struct Citation: Sendable, Equatable {
    public var url: String
    /// The page title; xAI's citations carry none.
    public var title: String?

    public init(url: String, title: String? = nil) {
        self.url = url
        self.title = title
    }
}
