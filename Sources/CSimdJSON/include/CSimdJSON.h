// A C view of simdjson's DOM parser (Debian `libsimdjson-dev`), for Swift: parse a document, then
// read its values through small copyable handles. Values point into the parser: they are valid until
// the parser parses again or is destroyed.
#ifndef CRITERIO_SIMDJSON_H
#define CRITERIO_SIMDJSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct criterio_json_parser criterio_json_parser;

/// Why a document could not be parsed (simdjson's error codes, grouped as a reader reports them).
typedef enum {
    CRITERIO_JSON_OK = 0,
    CRITERIO_JSON_SYNTAX,             ///< misplaced or missing comma, colon, brace or bracket; trailing text
    CRITERIO_JSON_INCOMPLETE,         ///< the input ends inside an object or a list
    CRITERIO_JSON_UNCLOSED_STRING,    ///< a text without its closing quote
    CRITERIO_JSON_BAD_ESCAPE,         ///< an invalid escape sequence in a text
    CRITERIO_JSON_CONTROL_CHARACTER,  ///< an unescaped control character in a text
    CRITERIO_JSON_BAD_LITERAL,        ///< something that is not true, false or null
    CRITERIO_JSON_BAD_NUMBER,         ///< a malformed number, or one out of range
    CRITERIO_JSON_NOT_UTF8,
    CRITERIO_JSON_TOO_DEEP,
    CRITERIO_JSON_EMPTY,
    CRITERIO_JSON_NO_MEMORY,          ///< allocation failed
    CRITERIO_JSON_TOO_LARGE,          ///< the document is larger than the parser takes (4 GiB)
    CRITERIO_JSON_NOT_A_LIST,         ///< `criterio_json_each_element` was given something else
    CRITERIO_JSON_OTHER,
} criterio_json_error;

typedef enum {
    CRITERIO_JSON_ARRAY,
    CRITERIO_JSON_OBJECT,
    CRITERIO_JSON_STRING,
    CRITERIO_JSON_INT64,
    CRITERIO_JSON_UINT64,  ///< an integer above INT64_MAX
    CRITERIO_JSON_DOUBLE,
    CRITERIO_JSON_BOOL,
    CRITERIO_JSON_NULL,
} criterio_json_type;

/// A value in the last document parsed (a copy of simdjson's `dom::element`).
typedef struct {
    const void *document;
    size_t index;
} criterio_json_value;

/// One key and its value, in the order the object has them (duplicate keys included).
typedef struct {
    const char *key;
    size_t key_length;
    criterio_json_value value;
} criterio_json_field;

criterio_json_parser *criterio_json_parser_create(void);
void criterio_json_parser_destroy(criterio_json_parser *parser);

/// Parses `length` bytes (copied into the parser's padded buffer) as one JSON document.
criterio_json_error criterio_json_parse(criterio_json_parser *parser, const char *bytes, size_t length, criterio_json_value *root);

criterio_json_type criterio_json_type_of(criterio_json_value value);
/// The bytes of a string (UTF-8, unescaped; may hold NUL). False if `value` is not a string.
bool criterio_json_string(criterio_json_value value, const char **bytes, size_t *length);
bool criterio_json_int64(criterio_json_value value, int64_t *result);
bool criterio_json_double(criterio_json_value value, double *result);
bool criterio_json_bool(criterio_json_value value, bool *result);
/// Writes up to `capacity` fields of an object; returns how many it has (0 if not an object).
size_t criterio_json_object_fields(criterio_json_value object, criterio_json_field *fields, size_t capacity);
/// Writes up to `capacity` items of a list; returns how many it has (0 if not a list).
size_t criterio_json_array_items(criterio_json_value array, criterio_json_value *items, size_t capacity);

/// How many readable bytes must follow the input of `criterio_json_each_element`.
size_t criterio_json_padding(void);

/// Called with the JSON text of one element and its offset in the input; returns false to stop.
typedef bool (*criterio_json_element_body)(void *context, const char *element, size_t length, size_t offset);

/// Walks the list that `bytes` holds without building it (simdjson's On-Demand parser) and hands
/// `body` the text of each element, in order, for `criterio_json_parse`. `bytes` must be readable
/// for `length + criterio_json_padding()` bytes. Invalid UTF-8, an unclosed text and a missing
/// closing bracket (a cut file) are found before the first element; other mistakes when the walk
/// reaches them, after the elements before them.
/// Whatever follows the list's closing bracket is ignored.
criterio_json_error criterio_json_each_element(criterio_json_parser *parser, const char *bytes, size_t length, void *context, criterio_json_element_body body);

#ifdef __cplusplus
}
#endif

#endif
