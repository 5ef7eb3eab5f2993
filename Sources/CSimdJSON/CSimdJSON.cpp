#include "CSimdJSON.h"

#include <cstring>
#include <new>
#include <simdjson.h>
#include <type_traits>

using simdjson::dom::element;

// `criterio_json_value` is a byte copy of `dom::element` (a document pointer and a tape index).
static_assert(sizeof(element) == sizeof(criterio_json_value), "dom::element changed shape");
static_assert(std::is_trivially_copyable<element>::value, "dom::element is no longer trivially copyable");

struct criterio_json_parser {
    simdjson::dom::parser parser;
    simdjson::ondemand::parser walker;
};

static criterio_json_value wrap(element value) {
    criterio_json_value handle;
    std::memcpy(&handle, &value, sizeof handle);
    return handle;
}

static element unwrap(criterio_json_value handle) {
    element value;
    std::memcpy(&value, &handle, sizeof handle);
    return value;
}

static criterio_json_error classify(simdjson::error_code code) {
    switch (code) {
    case simdjson::SUCCESS: return CRITERIO_JSON_OK;
    case simdjson::TAPE_ERROR:
    case simdjson::TRAILING_CONTENT: return CRITERIO_JSON_SYNTAX;
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return CRITERIO_JSON_INCOMPLETE;
    case simdjson::UNCLOSED_STRING: return CRITERIO_JSON_UNCLOSED_STRING;
    case simdjson::STRING_ERROR: return CRITERIO_JSON_BAD_ESCAPE;
    case simdjson::UNESCAPED_CHARS: return CRITERIO_JSON_CONTROL_CHARACTER;
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return CRITERIO_JSON_BAD_LITERAL;
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE: return CRITERIO_JSON_BAD_NUMBER;
    case simdjson::UTF8_ERROR: return CRITERIO_JSON_NOT_UTF8;
    case simdjson::DEPTH_ERROR: return CRITERIO_JSON_TOO_DEEP;
    case simdjson::EMPTY: return CRITERIO_JSON_EMPTY;
    case simdjson::MEMALLOC: return CRITERIO_JSON_NO_MEMORY;
    case simdjson::CAPACITY: return CRITERIO_JSON_TOO_LARGE;
    default: return CRITERIO_JSON_OTHER;
    }
}

extern "C" {

criterio_json_parser *criterio_json_parser_create(void) {
    return new (std::nothrow) criterio_json_parser();
}

void criterio_json_parser_destroy(criterio_json_parser *parser) {
    delete parser;
}

criterio_json_error criterio_json_parse(criterio_json_parser *parser, const char *bytes, size_t length, criterio_json_value *root) {
    element document;
    // `realloc_if_needed`: the bytes are copied into the parser's buffer, which has the padding
    // simdjson reads past the end.
    auto error = parser->parser.parse(bytes, length, true).get(document);
    if (error) return classify(error);
    *root = wrap(document);
    return CRITERIO_JSON_OK;
}

criterio_json_type criterio_json_type_of(criterio_json_value value) {
    switch (unwrap(value).type()) {
    case simdjson::dom::element_type::ARRAY: return CRITERIO_JSON_ARRAY;
    case simdjson::dom::element_type::OBJECT: return CRITERIO_JSON_OBJECT;
    case simdjson::dom::element_type::STRING: return CRITERIO_JSON_STRING;
    case simdjson::dom::element_type::INT64: return CRITERIO_JSON_INT64;
    case simdjson::dom::element_type::UINT64: return CRITERIO_JSON_UINT64;
    case simdjson::dom::element_type::DOUBLE: return CRITERIO_JSON_DOUBLE;
    case simdjson::dom::element_type::BOOL: return CRITERIO_JSON_BOOL;
    case simdjson::dom::element_type::NULL_VALUE: return CRITERIO_JSON_NULL;
    }
    return CRITERIO_JSON_NULL;
}

bool criterio_json_string(criterio_json_value value, const char **bytes, size_t *length) {
    std::string_view text;
    if (unwrap(value).get_string().get(text)) return false;
    *bytes = text.data();
    *length = text.size();
    return true;
}

bool criterio_json_int64(criterio_json_value value, int64_t *result) {
    return !unwrap(value).get_int64().get(*result);
}

bool criterio_json_double(criterio_json_value value, double *result) {
    return !unwrap(value).get_double().get(*result);
}

bool criterio_json_bool(criterio_json_value value, bool *result) {
    return !unwrap(value).get_bool().get(*result);
}

size_t criterio_json_object_fields(criterio_json_value object, criterio_json_field *fields, size_t capacity) {
    simdjson::dom::object members;
    if (unwrap(object).get_object().get(members)) return 0;
    size_t count = 0;
    for (auto member : members) {
        if (count < capacity) {
            fields[count].key = member.key.data();
            fields[count].key_length = member.key.size();
            fields[count].value = wrap(member.value);
        }
        count++;
    }
    return count;
}

size_t criterio_json_array_items(criterio_json_value array, criterio_json_value *items, size_t capacity) {
    simdjson::dom::array values;
    if (unwrap(array).get_array().get(values)) return 0;
    size_t count = 0;
    for (auto value : values) {
        if (count < capacity) items[count] = wrap(value);
        count++;
    }
    return count;
}

size_t criterio_json_padding(void) {
    return simdjson::SIMDJSON_PADDING;
}

criterio_json_error criterio_json_each_element(criterio_json_parser *parser, const char *bytes, size_t length, void *context, criterio_json_element_body body) {
    using namespace simdjson;
    ondemand::document document;
    auto error = parser->walker.iterate(bytes, length, length + SIMDJSON_PADDING).get(document);
    if (error) return classify(error);
    ondemand::array list;
    error = document.get_array().get(list);
    if (error == INCORRECT_TYPE) return CRITERIO_JSON_NOT_A_LIST;
    if (error) return classify(error);
    for (auto item : list) {
        ondemand::value value;
        if ((error = item.get(value))) return classify(error);
        ondemand::json_type type;
        if ((error = value.type().get(type))) return classify(error);
        std::string_view text;
        if (type == ondemand::json_type::object) {
            ondemand::object object;
            error = value.get_object().get(object);
            if (!error) error = object.raw_json().get(text);
        } else if (type == ondemand::json_type::array) {
            ondemand::array array;
            error = value.get_array().get(array);
            if (!error) error = array.raw_json().get(text);
        } else {
            text = value.raw_json_token();
        }
        if (error) return classify(error);
        if (!body(context, text.data(), text.size(), size_t(text.data() - bytes))) break;
    }
    return CRITERIO_JSON_OK;
}

}
