/*
 * Vanthu plugin ABI — the whole contract between the host and a report-type plugin.
 *
 * A plugin is a shared library that exports one C function, vanthu_plugin_entry(), returning a
 * static descriptor (vanthu_report_type). Nothing but C types crosses this boundary: no C++
 * standard types, no exceptions, no RTTI. Text is UTF-8 as {ptr, len}; errors are status codes
 * plus JSON text the host can read.
 *
 * Naming: on_* are callbacks the plugin implements and the host calls.
 * Ownership: every vanthu_str inside the descriptor points at static storage in the plugin and
 * lives as long as the library (the host never unloads plugins). A vanthu_buffer filled by a
 * callback is owned by the plugin until the host hands it back to on_release.
 *
 * Versioning: VANTHU_ABI_MAJOR changes when this layout changes incompatibly; the host refuses a
 * plugin built for another major with a sentence naming the file and what to rebuild. Fields are
 * only ever appended at the end; struct_size tells the host how many bytes the plugin knows, and
 * the host zero-fills what an older plugin does not have (the OBS pattern).
 *
 * C++ authors do not write against this header directly: see vanthu/plugin.hpp.
 */
#ifndef VANTHU_PLUGIN_ABI_H
#define VANTHU_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VANTHU_ABI_MAJOR 1
#define VANTHU_ABI_MINOR 1

/* The one symbol the host looks up. */
#define VANTHU_PLUGIN_ENTRY_NAME "vanthu_plugin_entry"

#if defined(_WIN32)
#define VANTHU_PLUGIN_EXPORT __declspec(dllexport)
#else
#define VANTHU_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* UTF-8 text, not necessarily NUL-terminated. */
typedef struct vanthu_str {
  const char* ptr;
  size_t len;
} vanthu_str;

/* A result buffer allocated by the plugin, released by the plugin's on_release. */
typedef struct vanthu_buffer {
  char* ptr;
  size_t len;
} vanthu_buffer;

typedef enum vanthu_status {
  /* out holds the document model: JSON {"meta": {...}, "data": {...}} (see below). */
  VANTHU_OK = 0,
  /* out holds a JSON array of problems [{"path": "/a/0", "code": "...", "message": "..."}]:
     the input is valid against the schema but not acceptable (inconsistent figures, ...). */
  VANTHU_INVALID_INPUT = 1,
  /* out holds a UTF-8 message for the log; the user sees a generic internal error. */
  VANTHU_INTERNAL_ERROR = 2
} vanthu_status;

/*
 * on_build_model(input, out)
 *   input: the request's JSON, already checked by the host: valid UTF-8, every string in NFC,
 *          no control characters, valid against input_schema.
 *   out:   on VANTHU_OK the document model as JSON:
 *            {"meta": {"title": "...",          core property dc:title
 *                      "creator": "...",        core property dc:creator (the issuing body)
 *                      "created": "2026-02-11T00:00:00Z",   from the input, never the clock
 *                      "file_name": "Báo cáo tuần ....docx"},
 *             "data": { ...the values the template's tags read... },
 *             "parts": {"word/footnotes.xml": "<?xml ...>"}}      optional: whole parts that
 *          replace the template's parts of the same name (not [Content_Types].xml, *.rels,
 *          docProps/core.xml or word/document.xml); each must be well-formed XML.
 *   Must not throw (the C++ layer in plugin.hpp catches everything); the host contains a plugin
 *   that does all the same and reports it as an internal error naming the plugin.
 *   Called from several request threads at once: it must be reentrant (no mutable globals).
 *   The host sets *out to {NULL, 0} before the call and hands every non-NULL out->ptr back to
 *   on_release, whatever the status. VANTHU_INVALID_INPUT with no problem in the array is
 *   treated as an internal error. All descriptor fields up to on_release are required.
 */
typedef int32_t (*vanthu_on_build_model)(vanthu_str input, vanthu_buffer* out);
typedef void (*vanthu_on_release)(vanthu_buffer buffer);

/*
 * ABI 1.1, optional: the in-process path (đường gọi trực tiếp) for plugins built with the same
 * C++ SDK as the host.
 *
 * Through on_build_model every document crosses the boundary as text four times (the host
 * writes the input, the plugin reads it and writes its model, the host reads the model): about
 * a third of the CPU of a document (bench/README.md). on_build_model_native does the same work
 * on the host's own objects instead:
 *   input: a const nlohmann::json* holding what on_build_model would receive as text;
 *   model: a nlohmann::json* (null value on entry) that the plugin fills, on VANTHU_OK, with the
 *          model on_build_model would have written as text;
 *   out:   as for on_build_model, but used only for VANTHU_INVALID_INPUT (problems, JSON text)
 *          and VANTHU_INTERNAL_ERROR (a message); NULL/0 on VANTHU_OK. Same ownership rules.
 * Those are C++ objects, whose layout depends on the nlohmann::json version and the compiler's
 * and standard library's ABI, so the host calls on_build_model_native only when native_key is
 * byte-for-byte the key it computes itself (vanthu/plugin.hpp, vanthu::plugin::native_key());
 * otherwise, and for plugins written in other languages, it calls on_build_model. Both callbacks
 * must give the same model for the same input, and neither may keep a pointer into `input` (or
 * into the text given to on_build_model) once it returns. Plugins using VANTHU_REPORT_TYPE get
 * both callbacks.
 */
typedef int32_t (*vanthu_on_build_model_native)(const void* input, void* model, vanthu_buffer* out);

/* The descriptor a plugin returns. Static storage; never freed. */
typedef struct vanthu_report_type {
  uint32_t abi_major;   /* VANTHU_ABI_MAJOR the plugin was built with */
  uint32_t abi_minor;   /* VANTHU_ABI_MINOR the plugin was built with */
  uint32_t struct_size; /* sizeof(vanthu_report_type) as the plugin knows it */

  vanthu_str id;            /* stable id, [a-z0-9-]+, e.g. "nq57-weekly" */
  vanthu_str display_name;  /* Vietnamese name shown to clerks */
  vanthu_str version;       /* the plugin's own version, semver */
  vanthu_str input_schema;  /* JSON Schema (draft 2020-12 subset) of the input */
  vanthu_str example_input; /* a valid input, JSON */
  vanthu_str template_name; /* default template file in the templates directory, e.g. "nq57-weekly.docx" */

  vanthu_on_build_model on_build_model;
  vanthu_on_release on_release;

  /* ABI 1.1 (optional; zero in older plugins): see vanthu_on_build_model_native above. */
  vanthu_str native_key;
  vanthu_on_build_model_native on_build_model_native;
} vanthu_report_type;

/*
 * The entry point. host_abi_major is the host's VANTHU_ABI_MAJOR, so a plugin that knows it
 * cannot serve that host may return NULL; most plugins ignore it and let the host decide.
 */
typedef const vanthu_report_type* (*vanthu_plugin_entry_fn)(uint32_t host_abi_major);

#ifdef __cplusplus
}
#endif

#endif /* VANTHU_PLUGIN_ABI_H */
