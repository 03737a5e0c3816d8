// docxtemplater's side of the differential test (tests/unit/template_docxtemplater_test.cpp):
// renders each template of a request with docxtemplater (paragraphLoop: true, linebreaks: true)
// and prints, for every part that holds paragraphs, the text of each paragraph.
//
//   node docxtemplater_render.mjs REQUEST.json
//
// REQUEST.json: [{"name": "...", "docx": "/path/to/template.docx", "data": "/path/to/data.json"}, ...]
// Output: one JSON line per case, {"name", "parts": {"word/document.xml": ["text", ...], ...}} or
// {"name", "error": {"name", "message", "ids": [...]}} when docxtemplater refuses the template.
//
// Paragraph texts, the same rule as the C++ side (paragraph_texts there): every w:p in document
// order (a paragraph inside another, e.g. in a text box, comes after the one holding it, as its
// own paragraph); its text is its w:t text, "\t" for a w:tab and "\n" for a w:br or w:cr in a run,
// not counting what nested paragraphs hold.
//
// Tags are read the way Vanthu reads them, through a parser: a dotted path ("a.b.0.c", ".")
// looked up from the innermost scope outwards, and filters ("{x | hoa}"). docxtemplater has no
// Vanthu filters, so a tag with filters renders as a marker, U+E000 + JSON {"v": value, "f":
// ["hoa", ...]} + U+E001, which the C++ side replaces with vanthu::filters' result: the test
// compares where tags go and what repeats, not the filters (those have their own tests).
// The delimiters are those of the template's "vanthu:delimiters" custom property, if any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");
const { DOMParser } = require("@xmldom/xmldom");

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

function lookup(value, segments) {
  for (const segment of segments) {
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value)) {
      if (!/^[0-9]+$/.test(segment)) return undefined;
      value = value[Number(segment)];
    } else if (typeof value === "object") {
      if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
      value = value[segment];
    } else {
      return undefined;
    }
  }
  return value;
}

// A condition ({#so_luong > 0}, {#a && !b}): docxtemplater's angular-expressions parser, as its
// documentation sets it up, over the scopes flattened innermost-last (a field that is null in an
// inner scope lets an outer one answer, as Vanthu looks fields up); Word's curly quotes become
// straight ones first. Vanthu's own words (and, or, not) are not in docxtemplater's language and
// are not used by the cases.
const expressions = require("angular-expressions");

function isExpression(tag) {
  if (/(^|[^|])\|([^|]|$)/.test(tag)) return false; // {x | hoa}: a value with filters
  return /[=!<>&()"'\u201C\u201D\u2018\u2019]|\|\|/.test(tag) || /\S\s+\S/.test(tag.trim());
}

function expressionParser(tag) {
  const compiled = expressions.compile(tag.replace(/[\u201C\u201D]/g, '"').replace(/[\u2018\u2019]/g, "'"));
  return {
    get(scope, context) {
      const list = context && context.scopeList ? context.scopeList : [scope];
      const flat = {};
      for (const s of list)
        if (s !== null && typeof s === "object" && !Array.isArray(s))
          for (const key of Object.keys(s)) if (s[key] !== null && s[key] !== undefined) flat[key] = s[key];
      return compiled(flat);
    },
  };
}

// Vanthu's reading of a tag: path and filters. docxtemplater asks get() scope by scope, innermost
// first, until one answers with something other than undefined/null.
function parser(tag) {
  if (isExpression(tag)) return expressionParser(tag);
  const bar = tag.indexOf("|");
  const pathText = (bar < 0 ? tag : tag.slice(0, bar)).trim();
  // {ds.length}: angular-expressions says what a length is (a list's items, a text's UTF-16
  // units: the cases' texts are in the BMP, where those are Vanthu's characters).
  if (bar < 0 && /^[^.\s]+(\.[^.\s]+)*\.length$/.test(pathText)) return expressionParser(pathText);
  const filters = bar < 0 ? [] : tag.slice(bar + 1).split("|").map((f) => f.trim());
  const segments = pathText === "." || pathText === "" ? [] : pathText.split(".");
  return {
    get(scope, context) {
      const first = segments.length === 0 ? scope : lookup(scope, segments.slice(0, 1));
      let value = first === undefined ? undefined : lookup(first, segments.slice(1));
      if (filters.length === 0) return value;
      // Only the innermost scope's answer is final; outer scopes are asked when it is undefined.
      if ((value === undefined || value === null) && context && context.num > 0) return undefined;
      return "\uE000" + JSON.stringify({ v: value === undefined ? null : value, f: filters, m: value === undefined }) + "\uE001";
    },
  };
}

function delimitersOf(zip) {
  const custom = zip.file("docProps/custom.xml");
  if (!custom) return undefined;
  const doc = new DOMParser().parseFromString(custom.asText(), "text/xml");
  const properties = doc.getElementsByTagName("property");
  for (let i = 0; i < properties.length; i++) {
    if (properties[i].getAttribute("name") !== "vanthu:delimiters") continue;
    const pair = properties[i].textContent.trim().split(/\s+/);
    if (pair.length === 2) return { start: pair[0], end: pair[1] };
  }
  return undefined;
}

function isW(node, name) {
  return node.nodeType === 1 && node.namespaceURI === W && node.localName === name;
}

function paragraphText(p, out) {
  let text = "";
  const walk = (node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      if (isW(c, "p")) continue;  // its own paragraph
      if (isW(c, "t")) {
        text += c.textContent;
        continue;
      }
      if ((isW(c, "tab") || isW(c, "br") || isW(c, "cr")) && isW(c.parentNode, "r")) {
        text += isW(c, "tab") ? "\t" : "\n";
        continue;
      }
      walk(c);
    }
  };
  walk(p);
  return text;
}

function paragraphs(node, out) {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    if (isW(c, "p")) out.push(paragraphText(c));
    paragraphs(c, out);
  }
}

function partTexts(zip) {
  const parts = {};
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name].dir || !name.endsWith(".xml")) continue;
    const xml = zip.file(name).asText();
    if (!xml.includes(":p>") && !xml.includes(":p ") && !xml.includes(":p/>")) continue;
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const texts = [];
    paragraphs(doc, texts);
    if (texts.length) parts[name] = texts;
  }
  return parts;
}

function renderCase(item) {
  const zip = new PizZip(readFileSync(item.docx));
  const data = JSON.parse(readFileSync(item.data, "utf8"));
  const options = { paragraphLoop: true, linebreaks: true, parser, nullGetter: () => "" };
  const delimiters = delimitersOf(zip);
  if (delimiters) options.delimiters = delimiters;
  try {
    const doc = new Docxtemplater(zip, options);
    doc.render(data);
    return { name: item.name, parts: partTexts(doc.getZip()) };
  } catch (error) {
    const errors = (error.properties && error.properties.errors) || [error];
    return {
      name: item.name,
      error: {
        name: error.name || "Error",
        message: String(error.message),
        ids: errors.map((e) => (e.properties && e.properties.id) || e.name || "error"),
      },
    };
  }
}

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
for (const item of request) process.stdout.write(JSON.stringify(renderCase(item)) + "\n");
