/*
 * test-c-abi: a report type in plain C99 on vanthu/plugin_abi.h alone. No C++, no SDK library,
 * no JSON library: the descriptor, the JSON-text callback and on_release are the whole contract.
 * (The in-process path of ABI 1.1 hands over C++ objects; a C plugin leaves native_key empty and
 * on_build_model_native NULL, and the host calls on_build_model.)
 *
 * The model is the input itself as the template's data, since the host has checked it against
 * the schema below (an object with these members, dates as YYYY-MM-DD), and meta made of its
 * members. A member's JSON text is copied as it is, escapes included, into the strings of meta,
 * so the plugin never has to decode a JSON string.
 */
#include <stdlib.h>
#include <string.h>

#include "vanthu/plugin_abi.h"

#define TEXT(literal) {literal, sizeof(literal) - 1}

static const char schema[] =
    "{\n"
    "  \"title\": \"Báo cáo viết bằng C\",\n"
    "  \"type\": \"object\",\n"
    "  \"required\": [\"office\", \"from\", \"to\"],\n"
    "  \"additionalProperties\": false,\n"
    "  \"properties\": {\n"
    "    \"office\": {\"type\": \"string\", \"title\": \"Cơ quan\", \"minLength\": 1, \"maxLength\": 200},\n"
    "    \"from\": {\"type\": \"string\", \"title\": \"Từ ngày\", \"format\": \"date\"},\n"
    "    \"to\": {\"type\": \"string\", \"title\": \"Đến ngày\", \"format\": \"date\"},\n"
    "    \"items\": {\"type\": \"array\", \"title\": \"Các việc\", \"maxItems\": 100,\n"
    "              \"items\": {\"type\": \"string\", \"minLength\": 1}}\n"
    "  }\n"
    "}\n";

static const char example[] =
    "{\n"
    "  \"office\": \"Ủy ban nhân dân phường Hải An\",\n"
    "  \"from\": \"2026-02-05\",\n"
    "  \"to\": \"2026-02-11\",\n"
    "  \"items\": [\"Họp giao ban tuần\", \"Tiếp công dân định kỳ\"]\n"
    "}\n";

/* Reading the input: just enough JSON to find a top-level string member. */

static size_t skip_space(vanthu_str json, size_t i) {
  while (i < json.len && (json.ptr[i] == ' ' || json.ptr[i] == '\t' || json.ptr[i] == '\n' || json.ptr[i] == '\r')) ++i;
  return i;
}

/* Past the closing quote of the JSON string opening at json.ptr[i]; json.len + 1 when it is
   not closed. */
static size_t skip_string(vanthu_str json, size_t i) {
  for (++i; i < json.len; ++i) {
    if (json.ptr[i] == '\\') ++i;
    else if (json.ptr[i] == '"') return i + 1;
  }
  return json.len + 1;
}

/* The ',' or '}' that ends the member value starting at json.ptr[i]. */
static size_t skip_value(vanthu_str json, size_t i) {
  int depth = 0;
  while (i < json.len) {
    char c = json.ptr[i];
    if (c == '"') {
      i = skip_string(json, i);
      continue;
    }
    if (depth == 0 && (c == ',' || c == '}')) break;
    if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') --depth;
    ++i;
  }
  return i;
}

/* The text between the quotes of the string member `key` of the JSON object `json`, escapes
   as they are; {NULL, 0} when there is no such member or it is not a string. */
static vanthu_str string_member(vanthu_str json, const char* key) {
  const vanthu_str none = {NULL, 0};
  const size_t key_len = strlen(key);
  size_t i = skip_space(json, 0);
  if (i >= json.len || json.ptr[i] != '{') return none;
  for (++i;; ++i) {
    i = skip_space(json, i);
    if (i >= json.len || json.ptr[i] != '"') return none; /* the end of the object */
    const size_t name = i + 1, name_end = skip_string(json, i);
    if (name_end > json.len) return none;
    i = skip_space(json, name_end);
    if (i >= json.len || json.ptr[i] != ':') return none;
    i = skip_space(json, i + 1);
    if (name_end - 1 - name == key_len && memcmp(json.ptr + name, key, key_len) == 0) {
      if (i >= json.len || json.ptr[i] != '"') return none;
      const size_t end = skip_string(json, i);
      if (end > json.len) return none;
      const vanthu_str value = {json.ptr + i + 1, end - i - 2};
      return value;
    }
    i = skip_value(json, i);
    if (i >= json.len || json.ptr[i] != ',') return none;
  }
}

/* Writing the answer: a growing buffer from malloc, handed to the host, freed by on_release. */

typedef struct text {
  char* ptr;
  size_t len;
  size_t capacity;
  int failed;
} text;

static void append(text* t, const char* bytes, size_t len) {
  if (t->failed) return;
  if (t->len + len > t->capacity) {
    size_t capacity = t->capacity ? t->capacity : 512;
    while (capacity < t->len + len) capacity *= 2;
    char* grown = realloc(t->ptr, capacity);
    if (!grown) {
      t->failed = 1;
      return;
    }
    t->ptr = grown;
    t->capacity = capacity;
  }
  memcpy(t->ptr + t->len, bytes, len);
  t->len += len;
}

static void append_text(text* t, const char* literal) { append(t, literal, strlen(literal)); }
static void append_str(text* t, vanthu_str s) { append(t, s.ptr, s.len); }

/* on_build_model: the model {"meta": ..., "data": <the input>}, or the problems of a period that
   ends before it starts (a rule the schema cannot say). Reentrant: no state but the stack. */
static int32_t build_model(vanthu_str input, vanthu_buffer* out) {
  if (!out) return VANTHU_INTERNAL_ERROR;
  out->ptr = NULL;
  out->len = 0;
  text t = {NULL, 0, 0, 0};
  int32_t status;
  const vanthu_str office = string_member(input, "office");
  const vanthu_str from = string_member(input, "from");
  const vanthu_str to = string_member(input, "to");
  if (!office.ptr || !from.ptr || !to.ptr) {
    append_text(&t, "test-c-abi: the input has no office, from or to string");
    status = VANTHU_INTERNAL_ERROR;
  } else if (from.len == 10 && to.len == 10 && memcmp(to.ptr, from.ptr, 10) < 0) { /* ISO dates order as text */
    append_text(&t, "[{\"path\": \"/to\", \"code\": \"period_order\", \"message\": \"Ngày kết thúc ");
    append_str(&t, to);
    append_text(&t, " sớm hơn ngày bắt đầu ");
    append_str(&t, from);
    append_text(&t, ".\"}]");
    status = VANTHU_INVALID_INPUT;
  } else {
    append_text(&t, "{\"meta\": {\"title\": \"Báo cáo viết bằng C của ");
    append_str(&t, office);
    append_text(&t, "\", \"creator\": \"");
    append_str(&t, office);
    append_text(&t, "\", \"created\": \"");
    append_str(&t, to);
    append_text(&t, "T00:00:00Z\", \"file_name\": \"Báo cáo C ");
    append_str(&t, office);
    append_text(&t, " đến ");
    append_str(&t, to);
    append_text(&t, ".docx\"}, \"data\": ");
    append_str(&t, input);
    append_text(&t, "}");
    status = VANTHU_OK;
  }
  if (t.failed) { /* out of memory: no message either, the host logs the status */
    free(t.ptr);
    return VANTHU_INTERNAL_ERROR;
  }
  out->ptr = t.ptr;
  out->len = t.len;
  return status;
}

static void release(vanthu_buffer buffer) { free(buffer.ptr); }

VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t host_abi_major) {
  static const vanthu_report_type descriptor = {
      VANTHU_ABI_MAJOR,
      VANTHU_ABI_MINOR,
      sizeof(vanthu_report_type),
      TEXT("test-c-abi"),
      TEXT("Báo cáo viết bằng C (test-c-abi)"),
      TEXT("1.0.0"),
      {schema, sizeof schema - 1},
      {example, sizeof example - 1},
      TEXT("test-c-abi.docx"),
      build_model,
      release,
      {NULL, 0}, /* native_key: no in-process path */
      NULL,      /* on_build_model_native */
  };
  (void)host_abi_major; /* the host refuses another major itself */
  return &descriptor;
}
