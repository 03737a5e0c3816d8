#include "test_support.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "vanthu/zip.hpp"

namespace fs = std::filesystem;

namespace vanthu::test {
namespace {

fs::path env_path(const char* name, const char* compiled_in) {
  const char* value = std::getenv(name);
  return fs::path(value && *value ? value : compiled_in);
}

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string qname(const xmlNode* node) {
  std::string name;
  if (node->ns && node->ns->prefix) name = std::string(reinterpret_cast<const char*>(node->ns->prefix)) + ":";
  return name + reinterpret_cast<const char*>(node->name);
}

std::string attr_qname(const xmlAttr* attr) {
  std::string name;
  if (attr->ns && attr->ns->prefix) name = std::string(reinterpret_cast<const char*>(attr->ns->prefix)) + ":";
  return name + reinterpret_cast<const char*>(attr->name);
}

void dump(const xmlNode* node, int depth, std::string& out) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    out += indent + "\"" + xml_escape(reinterpret_cast<const char*>(node->content), false) + "\"\n";
    return;
  }
  if (node->type != XML_ELEMENT_NODE) return;
  std::map<std::string, std::string> attributes;
  for (const xmlNs* ns = node->nsDef; ns; ns = ns->next) {
    std::string key = ns->prefix ? std::string("xmlns:") + reinterpret_cast<const char*>(ns->prefix) : "xmlns";
    attributes[key] = reinterpret_cast<const char*>(ns->href);
  }
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    xmlChar* value = xmlNodeListGetString(node->doc, a->children, 1);
    attributes[attr_qname(a)] = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
  }
  out += indent + "<" + qname(node);
  for (const auto& [k, v] : attributes) out += " " + k + "=\"" + xml_escape(v, true) + "\"";
  const xmlNode* first = node->children;
  if (!first) {
    out += "/>\n";
    return;
  }
  bool only_text = true;
  for (const xmlNode* c = first; c; c = c->next)
    if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) only_text = false;
  if (only_text) {
    out += ">";
    for (const xmlNode* c = first; c; c = c->next) out += xml_escape(reinterpret_cast<const char*>(c->content), false);
    out += "</" + qname(node) + ">\n";
    return;
  }
  out += ">\n";
  for (const xmlNode* c = first; c; c = c->next) dump(c, depth + 1, out);
  out += indent + "</" + qname(node) + ">\n";
}

void collect_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* c = node; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      std::string name = reinterpret_cast<const char*>(c->name);
      if (name == "t") {
        xmlChar* v = xmlNodeGetContent(c);
        if (v) out += reinterpret_cast<const char*>(v);
        xmlFree(v);
        continue;
      }
      if (name == "tab") out += "\t";
      if (name == "br" || name == "cr") out += "\n";
      if (name == "noBreakHyphen") out += "-";  // as Word shows it
      if (name == "delText" || name == "instrText") continue;
      collect_text(c->children, out);
      if (name == "p") out += "\n";
    }
  }
}

}  // namespace

fs::path source_dir() { return env_path("VANTHU_SOURCE_DIR", VANTHU_DEFAULT_SOURCE_DIR); }
fs::path build_dir() { return env_path("VANTHU_BUILD_DIR", VANTHU_DEFAULT_BUILD_DIR); }
fs::path test_plugin_dir() { return env_path("VANTHU_TEST_PLUGIN_DIR", VANTHU_DEFAULT_TEST_PLUGIN_DIR); }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, std::string_view bytes) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

TempDir::TempDir() {
  std::random_device rd;
  for (int i = 0; i < 100; ++i) {
    fs::path p = fs::temp_directory_path() / ("vanthu-test-" + std::to_string(rd()));
    if (fs::create_directory(p)) {
      path_ = p;
      return;
    }
  }
  throw std::runtime_error("cannot create a temp dir");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string docx_part(std::string_view docx, std::string_view part) {
  for (const auto& entry : zip_read(docx))
    if (entry.name == part) return zip_inflate(entry);
  return {};
}

std::vector<std::string> docx_part_names(std::string_view docx) {
  std::vector<std::string> names;
  for (const auto& entry : zip_read(docx)) names.push_back(entry.name);
  return names;
}

std::string canonical_xml(std::string_view xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr, XML_PARSE_NONET);
  if (!doc) throw std::runtime_error("malformed XML");
  std::string out;
  dump(xmlDocGetRootElement(doc), 0, out);
  xmlFreeDoc(doc);
  return out;
}

std::string docx_text(std::string_view document_xml) {
  xmlDocPtr doc = xmlReadMemory(document_xml.data(), static_cast<int>(document_xml.size()), "part.xml", nullptr, XML_PARSE_NONET);
  if (!doc) throw std::runtime_error("malformed XML");
  std::string out;
  collect_text(xmlDocGetRootElement(doc), out);
  xmlFreeDoc(doc);
  return out;
}

ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input, int timeout_s) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  signal(SIGPIPE, SIG_IGN);
  ProcessResult result;
  std::size_t written = 0;
  if (input.empty()) close(in_pipe[1]), in_pipe[1] = -1;
  else fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    if (in_pipe[1] >= 0) fds.push_back({in_pipe[1], POLLOUT, 0});
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      kill(pid, SIGKILL);
      break;
    }
    poll(fds.data(), fds.size(), static_cast<int>(std::min<long long>(left, 1000)));
    for (auto& p : fds) {
      if (p.fd == in_pipe[1] && (p.revents & (POLLOUT | POLLERR | POLLHUP))) {
        ssize_t n = write(in_pipe[1], input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == input.size()) close(in_pipe[1]), in_pipe[1] = -1;
      } else if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
        ssize_t n = read(p.fd, buf, sizeof buf);
        if (n <= 0) {
          if (p.fd == out_pipe[0]) out_open = false;
          else err_open = false;
        } else {
          (p.fd == out_pipe[0] ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
        }
      }
    }
  }
  if (in_pipe[1] >= 0) close(in_pipe[1]);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

nlohmann::json schema_with_common_defs(const std::string& type_id) {
  nlohmann::json schema = nlohmann::json::parse(read_file(source_dir() / "plugins" / type_id / "schema.json"));
  const nlohmann::json common = nlohmann::json::parse(read_file(source_dir() / "sdk/schemas/common.json"))["$defs"];
  for (bool added = true; added;) {
    added = false;
    const std::string text = schema.dump();
    for (const auto& [name, definition] : common.items()) {
      if (text.find("\"#/$defs/" + name + "\"") == std::string::npos) continue;
      if (schema["$defs"].contains(name)) continue;
      schema["$defs"][name] = definition;
      added = true;
    }
  }
  return schema;
}

}  // namespace vanthu::test
