import Foundation
@testable import ParagraphCore

/// Response bodies of the six provider APIs, modelled on responses recorded from the live APIs.
///
/// Usage numbers are those of the recorded responses, so tests can check usage and cost.
enum MockProviderBodies {
    // MARK: Success

    /// A successful completion carrying `answer` as the JSON answer.
    static func success(_ provider: Provider, answer: JSONValue, model: String) -> JSONValue {
        let text = answer.serialized()
        switch provider {
        case .openai:
            return openAIChat(text: text, model: model)
        case .xai:
            return xAIChat(text: text, model: model)
        case .groq:
            return groqChat(text: text, model: model)
        case .deepseek:
            return deepSeekChat(text: text, model: model)
        case .anthropic:
            return anthropicToolUse(input: answer, model: model)
        case .google:
            return geminiSuccess(text: text, model: model)
        }
    }

    /// OpenAI Chat Completions with a `json_schema` answer: usage 92 prompt and 15 completion tokens.
    static func openAIChat(text: String, model: String, finishReason: String = "stop", refusal: String? = nil) -> JSONValue {
        .object([
            ("id", .string("chatcmpl-mock1")), ("object", .string("chat.completion")), ("created", .integer(1_746_142_583)),
            ("model", .string(model + "-2025-04-14")),
            ("choices", .array([.object([
                ("index", .integer(0)),
                ("message", .object([
                    ("role", .string("assistant")), ("content", refusal == nil ? .string(text) : .null),
                    ("refusal", refusal.map(JSONValue.string) ?? .null), ("annotations", .array([])),
                ])),
                ("logprobs", .null), ("finish_reason", .string(finishReason)),
            ])])),
            ("usage", .object([
                ("prompt_tokens", .integer(92)), ("completion_tokens", .integer(15)), ("total_tokens", .integer(107)),
                ("prompt_tokens_details", .object([("cached_tokens", .integer(0)), ("audio_tokens", .integer(0))])),
                ("completion_tokens_details", .object([("reasoning_tokens", .integer(0)), ("audio_tokens", .integer(0))])),
            ])),
            ("service_tier", .string("default")), ("system_fingerprint", .string("fp_mock")),
        ])
    }

    /// xAI Chat Completions from grok-3-mini: 12 prompt tokens (2 cached), 1 completion
    /// token and 228 reasoning tokens that `completion_tokens` leaves out; no `logprobs`.
    static func xAIChat(text: String, model: String) -> JSONValue {
        .object([
            ("id", .string("2af5c888-mock")), ("object", .string("chat.completion")), ("created", .integer(1_770_774_046)),
            ("model", .string(model)),
            ("choices", .array([.object([
                ("index", .integer(0)),
                ("message", .object([
                    ("role", .string("assistant")), ("content", .string(text)),
                    ("reasoning_content", .string("The user wants JSON.")), ("refusal", .null),
                ])),
                ("finish_reason", .string("stop")),
            ])])),
            ("usage", .object([
                ("prompt_tokens", .integer(12)), ("completion_tokens", .integer(1)), ("total_tokens", .integer(241)),
                ("prompt_tokens_details", .object([
                    ("text_tokens", .integer(12)), ("audio_tokens", .integer(0)), ("image_tokens", .integer(0)),
                    ("cached_tokens", .integer(2)),
                ])),
                ("completion_tokens_details", .object([("reasoning_tokens", .integer(228)), ("audio_tokens", .integer(0))])),
                ("num_sources_used", .integer(0)), ("cost_in_usd_ticks", .integer(1_176_500)),
            ])),
            ("system_fingerprint", .string("fp_mock")),
        ])
    }

    /// Groq Chat Completions from gpt-oss-120b with its extra fields: 178 prompt and 94 completion tokens.
    static func groqChat(text: String, model: String) -> JSONValue {
        .object([
            ("id", .string("chatcmpl-92437948-mock")), ("object", .string("chat.completion")), ("created", .integer(1_756_843_265)),
            ("model", .string(model)),
            ("choices", .array([.object([
                ("index", .integer(0)),
                ("message", .object([
                    ("role", .string("assistant")), ("content", .string(text)),
                    ("reasoning", .string("The system expects a JSON object.")),
                ])),
                ("logprobs", .null), ("finish_reason", .string("stop")),
            ])])),
            ("usage", .object([
                ("queue_time", .number("1.095749809")), ("prompt_tokens", .integer(178)), ("prompt_time", .number("0.008149307")),
                ("completion_tokens", .integer(94)), ("completion_time", .number("0.186978247")), ("total_tokens", .integer(272)),
                ("total_time", .number("0.195127554")),
            ])),
            ("usage_breakdown", .null), ("system_fingerprint", .string("fp_mock")),
            ("x_groq", .object([("id", .string("req_01mock"))])), ("service_tier", .string("on_demand")),
        ])
    }

    /// DeepSeek's JSON-mode answer: 495 prompt tokens (320 cache hits), 144 completion tokens of which 118 reasoning.
    static func deepSeekChat(text: String, model: String, finishReason: String = "stop") -> JSONValue {
        .object([
            ("id", .string("f03bc170-mock")), ("object", .string("chat.completion")), ("created", .integer(1_764_681_341)),
            ("model", .string(model)),
            ("choices", .array([.object([
                ("index", .integer(0)),
                ("message", .object([
                    ("role", .string("assistant")), ("content", .string(text)),
                    ("reasoning_content", .string("I need to reply with JSON only.")),
                ])),
                ("logprobs", .null), ("finish_reason", .string(finishReason)),
            ])])),
            ("usage", .object([
                ("prompt_tokens", .integer(495)), ("completion_tokens", .integer(144)), ("total_tokens", .integer(639)),
                ("prompt_tokens_details", .object([("cached_tokens", .integer(320))])),
                ("completion_tokens_details", .object([("reasoning_tokens", .integer(118))])),
                ("prompt_cache_hit_tokens", .integer(320)), ("prompt_cache_miss_tokens", .integer(175)),
            ])),
            ("system_fingerprint", .string("fp_mock")),
        ])
    }

    /// Anthropic's forced tool call: the answer is the tool's `input` object; 497 input and 56 output tokens.
    static func anthropicToolUse(input: JSONValue, model: String, name: String = "seo_fields") -> JSONValue {
        .object([
            ("content", .array([.object([
                ("id", .string("toolu_01mock")), ("input", input), ("name", .string(name)), ("type", .string("tool_use")),
            ])])),
            ("id", .string("msg_01mock")), ("model", .string(model + "-20251001")), ("role", .string("assistant")),
            ("stop_reason", .string("tool_use")), ("stop_sequence", .null), ("type", .string("message")),
            ("usage", anthropicUsage(input: 497, output: 56)),
        ])
    }

    /// An Anthropic message of text blocks, with the given stop reason.
    static func anthropicText(_ blocks: [String], model: String, stopReason: String = "end_turn") -> JSONValue {
        .object([
            ("content", .array(blocks.map { .object([("type", .string("text")), ("text", .string($0))]) })),
            ("id", .string("msg_01mock")), ("model", .string(model)), ("role", .string("assistant")),
            ("stop_details", .null), ("stop_reason", .string(stopReason)), ("stop_sequence", .null), ("type", .string("message")),
            ("usage", anthropicUsage(input: 26, output: 18)),
        ])
    }

    static func anthropicUsage(input: Int, output: Int, cacheRead: Int = 0) -> JSONValue {
        .object([
            ("cache_creation", .object([("ephemeral_1h_input_tokens", .integer(0)), ("ephemeral_5m_input_tokens", .integer(0))])),
            ("cache_creation_input_tokens", .integer(0)), ("cache_read_input_tokens", .integer(cacheRead)),
            ("input_tokens", .integer(input)), ("output_tokens", .integer(output)), ("service_tier", .string("standard")),
        ])
    }

    /// Gemini from gemini-2.5-flash: 9 prompt tokens, 9 candidate tokens and 34 thinking tokens.
    static func geminiSuccess(text: String, model: String) -> JSONValue {
        .object([
            ("candidates", .array([.object([
                ("content", .object([("parts", .array([.object([("text", .string(text))])])), ("role", .string("model"))])),
                ("finishReason", .string("STOP")), ("index", .integer(0)),
            ])])),
            ("modelVersion", .string(model)), ("responseId", .string("bzlXmock")),
            ("usageMetadata", .object([
                ("candidatesTokenCount", .integer(9)), ("promptTokenCount", .integer(9)),
                ("promptTokensDetails", .array([.object([("modality", .string("TEXT")), ("tokenCount", .integer(9))])])),
                ("thoughtsTokenCount", .integer(34)), ("totalTokenCount", .integer(52)),
            ])),
        ])
    }

    /// OpenAI Responses API with web search: reasoning, a search call, then the message with one citation.
    static func responsesSuccess(answer: JSONValue, model: String) -> JSONValue {
        .object([
            ("id", .string("resp_mock")), ("object", .string("response")), ("model", .string(model)), ("status", .string("completed")),
            ("incomplete_details", .null), ("error", .null),
            ("output", .array([
                .object([("type", .string("reasoning")), ("id", .string("rs_1")), ("summary", .array([]))]),
                .object([
                    ("type", .string("web_search_call")), ("id", .string("ws_1")), ("status", .string("completed")),
                    ("action", .object([("type", .string("search")), ("query", .string("paragraph seo"))])),
                ]),
                .object([
                    ("type", .string("message")), ("id", .string("msg_1")), ("role", .string("assistant")), ("status", .string("completed")),
                    ("content", .array([.object([
                        ("type", .string("output_text")), ("text", .string(answer.serialized())), ("logprobs", .array([])),
                        ("annotations", .array([.object([
                            ("type", .string("url_citation")), ("url", .string("https://example.com/source?utm_source=chatgpt.com")),
                            ("title", .string("A source")), ("start_index", .integer(0)), ("end_index", .integer(5)),
                        ])])),
                    ])])),
                ]),
            ])),
            ("usage", .object([
                ("input_tokens", .integer(9299)), ("input_tokens_details", .object([("cached_tokens", .integer(8448))])),
                ("output_tokens", .integer(577)), ("output_tokens_details", .object([("reasoning_tokens", .integer(512))])),
                ("total_tokens", .integer(9876)),
            ])),
        ])
    }

    // MARK: Errors

    /// The provider's answer to a wrong or missing key.
    static func invalidKey(_ provider: Provider) -> MockReply {
        switch provider {
        case .openai:
            return .json(#"{"error":{"message":"Incorrect API key provided: sk-test****. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#, status: 401)
        case .xai:
            return .json(#"{"code":"Client specified an invalid argument","error":"Incorrect API key provided: xa***. You can obtain an API key from https://console.x.ai."}"#, status: 400)
        case .groq:
            return .json(#"{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}"#, status: 401)
        case .deepseek:
            return .json(#"{"error":{"message":"Authentication Fails, Your api key: ****mock is invalid","type":"authentication_error","param":null,"code":"invalid_request_error"}}"#, status: 401)
        case .anthropic:
            return .json(#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011mock"}"#, status: 401)
        case .google:
            return .json(#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}"#, status: 400)
        }
    }

    /// The provider's answer to a request it cannot take.
    static func badRequest(_ provider: Provider, _ message: String) -> MockReply {
        let escaped = JSONValue.string(message).serialized()
        switch provider {
        case .anthropic:
            return .json(#"{"type":"error","error":{"type":"invalid_request_error","message":\#(escaped)},"request_id":"req_011mock"}"#, status: 400)
        case .google:
            return .json(#"{"error":{"code":400,"message":\#(escaped),"status":"INVALID_ARGUMENT"}}"#, status: 400)
        default:
            return .json(#"{"error":{"message":\#(escaped),"type":"invalid_request_error","param":null,"code":null}}"#, status: 400)
        }
    }
}
