import Foundation

/// `/api/v1/openapi.json`: the OpenAPI 3.1 document of the API, shipped as a resource
/// (`openapi.json`); a test checks it against the router both ways.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("openapi.json"), let data = FileManager.default.contents(atPath: url.path)
        else { return Array(#"{"openapi":"3.1.0","info":{"title":"Criterio","version":"1"},"paths":{}}"#.utf8) }
        return Array(data)
    }()
}
