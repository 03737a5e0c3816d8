//! Expressions in conditions: reading (a tokenizer and a recursive-descent parser with a depth
//! limit) and evaluating against the renderer's scopes. See template_expression.hpp.
#include "template_expression.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>

#include "vanthu/text.hpp"

namespace vanthu::engine {
namespace {

using json = nlohmann::json;

enum class TokenKind : std::uint8_t { word, number, text, open, close, op, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;  //!< word: as written; op: canonical spelling; text: the string's value
  double number = 0;
};

//! A byte that may be in a word (a path or a keyword): ASCII letters, digits, "_", "-", "." and
//! every byte of a multi-byte UTF-8 sequence except the punctuation below (the path syntax
//! checks the letters themselves later).
bool word_byte(std::string_view rest) {
  const unsigned char c = static_cast<unsigned char>(rest[0]);
  if (c >= 0x80) {
    for (std::string_view punctuation : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x89\xA4",
                                         "\xE2\x89\xA5", "\xE2\x89\xA0", "\xC2\xA0"})
      if (rest.starts_with(punctuation)) return false;
    return true;
  }
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

//! A decimal number as written: [-]digits[.digits][e[+-]digits]; false for anything else.
bool is_number(std::string_view word, double& value) {
  std::size_t i = word.empty() || word[0] != '-' ? 0 : 1;
  auto digits = [&](std::size_t& k) {
    const std::size_t from = k;
    while (k < word.size() && word[k] >= '0' && word[k] <= '9') ++k;
    return k > from;
  };
  std::size_t k = i;
  if (!digits(k)) return false;
  if (k < word.size() && word[k] == '.') {
    ++k;
    if (!digits(k)) return false;
  }
  if (k < word.size() && (word[k] == 'e' || word[k] == 'E')) {
    ++k;
    if (k < word.size() && (word[k] == '+' || word[k] == '-')) ++k;
    if (!digits(k)) return false;
  }
  if (k != word.size() || word.size() > 40) return false;
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  return error == std::errc() && end == word.data() + word.size() && std::isfinite(value);
}

//! A word that starts as a number does ("1", "-2", "-.5", ".5"): it must be one.
bool starts_as_number(std::string_view word) {
  std::size_t i = word[0] == '-' ? 1 : 0;
  if (i < word.size() && word[i] == '.') ++i;
  return i < word.size() && word[i] >= '0' && word[i] <= '9';
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : rest_(text) {}

  //! False with `error` set when the text has something no expression has.
  bool next(Token& token, std::string& error) {
    skip_blanks();
    token = Token{};
    if (rest_.empty()) return true;
    static constexpr std::pair<std::string_view, std::string_view> kOperators[] = {
        {"===", "==="}, {"!==", "!=="}, {"==", "=="}, {"!=", "!="}, {"<=", "<="}, {">=", ">="}, {"&&", "&&"},
        {"||", "||"}, {"\xE2\x89\xA4", "<="}, {"\xE2\x89\xA5", ">="}, {"\xE2\x89\xA0", "!="}, {"<", "<"}, {">", ">"},
        {"!", "!"}};
    for (auto [written, canonical] : kOperators) {
      if (rest_.starts_with(written)) {
        token.kind = TokenKind::op;
        token.text = std::string(canonical);
        rest_.remove_prefix(written.size());
        return true;
      }
    }
    if (rest_[0] == '(' || rest_[0] == ')') {
      token.kind = rest_[0] == '(' ? TokenKind::open : TokenKind::close;
      token.text = std::string(1, rest_[0]);
      rest_.remove_prefix(1);
      return true;
    }
    if (quote_at(rest_).kind) return string(token, error);
    if (rest_[0] == '=') {
      error = "dấu “=” đơn không so sánh được: viết “==” (bằng) hoặc “!=” (khác)";
      return false;
    }
    if (rest_[0] == '&' || rest_[0] == '|') {
      error = std::string("viết “") + rest_[0] + rest_[0] + "” (hoặc “" + (rest_[0] == '&' ? "and" : "or") + "”) thay cho “" + rest_[0] + "”";
      return false;
    }
    std::size_t length = 0;
    while (length < rest_.size() && word_byte(rest_.substr(length))) ++length;
    if (length == 0) {
      error = "có ký tự “" + std::string(rest_.substr(0, utf8_length(rest_))) + "” không dùng được trong biểu thức";
      return false;
    }
    token.text = std::string(rest_.substr(0, length));
    rest_.remove_prefix(length);
    if (is_number(token.text, token.number)) {
      token.kind = TokenKind::number;
      return true;
    }
    if (starts_as_number(token.text)) {
      error = "số “" + token.text + "” viết sai: viết như 12, -3, 2.5 (dấu chấm thập phân) hoặc 1e6";
      return false;
    }
    if (token.text[0] == '-') {
      error = "“" + token.text + "”: dấu “-” trước tên trường không dùng được trong điều kiện";
      return false;
    }
    token.kind = TokenKind::word;
    return true;
  }

 private:
  static std::size_t utf8_length(std::string_view s) {
    const unsigned char c = static_cast<unsigned char>(s[0]);
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return std::min(n, s.size());
  }

  void skip_blanks() {
    while (!rest_.empty()) {
      if (rest_[0] == ' ' || rest_[0] == '\t' || rest_[0] == '\n' || rest_[0] == '\r') rest_.remove_prefix(1);
      else if (rest_.starts_with("\xC2\xA0")) rest_.remove_prefix(2);
      else return;
    }
  }

  //! "…" or '…' with \" \' \\ escapes; Word's curly quotes open and close as straight ones do.
  bool string(Token& token, std::string& error) {
    const Quote opening = quote_at(rest_);
    rest_.remove_prefix(opening.length);
    token.kind = TokenKind::text;
    while (!rest_.empty()) {
      if (rest_[0] == '\\' && rest_.size() > 1 && (rest_[1] == '"' || rest_[1] == '\'' || rest_[1] == '\\')) {
        token.text += rest_[1];
        rest_.remove_prefix(2);
        continue;
      }
      if (const Quote closing = quote_at(rest_); closing.kind == opening.kind) {
        rest_.remove_prefix(closing.length);
        token.text = text::nfc(token.text);  // the data is NFC (read_input); a template typed otherwise still matches
        return true;
      }
      token.text += rest_[0];
      rest_.remove_prefix(1);
    }
    error = "chuỗi chữ mở bằng dấu nháy nhưng không có dấu nháy đóng";
    return false;
  }

  std::string_view rest_;
};

class Parser {
 public:
  Parser(std::string_view text, std::size_t max_path_segments) : tokenizer_(text), max_path_segments_(max_path_segments) {}

  ExpressionParse parse() {
    ExpressionParse result;
    auto expression = std::make_shared<Expression>();
    expression_ = expression.get();
    if (!advance()) return failed();
    if (current_.kind == TokenKind::end) {
      error_ = "biểu thức trống";
      return failed();
    }
    std::uint32_t root = 0;
    if (!disjunction(root, 0)) return failed();
    if (current_.kind != TokenKind::end) {
      error_ = current_.kind == TokenKind::close ? "có dấu “)” không có dấu “(” đi trước"
                                                 : "thiếu phép so sánh hay “and”/“or” trước “" + shown(current_) + "”";
      return failed();
    }
    expression->root = root;
    expression->canonical = canonical_;
    if (expression->nodes[root].kind == Expression::Kind::path) {
      error_ = "dấu ngoặc quanh một tên trường không làm nên điều kiện: viết tên trường không có ngoặc";
      return failed();
    }
    if (operand_paths(*expression).empty()) {
      error_ = "điều kiện không đọc trường nào (tên trường viết không có dấu nháy)";
      return failed();
    }
    result.expression = std::move(expression);
    return result;
  }

 private:
  ExpressionParse failed() {
    ExpressionParse result;
    result.error = error_;
    return result;
  }

  static std::string shown(const Token& token) {
    if (token.kind == TokenKind::text) return "\"" + token.text + "\"";
    return token.text;
  }

  bool advance() {
    if (!tokenizer_.next(current_, error_)) return false;
    if (current_.kind == TokenKind::end) return true;
    if (++tokens_ > 2 * kMaxExpressionNodes) {
      error_ = "biểu thức quá dài (quá " + std::to_string(2 * kMaxExpressionNodes) + " tên, số, dấu và ngoặc)";
      return false;
    }
    // The canonical text: tokens one space apart, none inside parentheses, strings in "…".
    std::string piece = current_.kind == TokenKind::text ? quoted(current_.text) : current_.text;
    if (!canonical_.empty() && canonical_.back() != '(' && current_.kind != TokenKind::close) canonical_ += ' ';
    canonical_ += piece;
    return true;
  }

  static std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }

  bool add(Expression::Node node, std::uint32_t& index) {
    if (expression_->nodes.size() >= kMaxExpressionNodes) {
      error_ = "biểu thức quá dài (quá " + std::to_string(kMaxExpressionNodes) + " toán hạng và phép tính)";
      return false;
    }
    expression_->nodes.push_back(std::move(node));
    index = static_cast<std::uint32_t>(expression_->nodes.size() - 1);
    return true;
  }

  bool is_word(const char* keyword) const { return current_.kind == TokenKind::word && current_.text == keyword; }
  bool is_op(const char* op) const { return current_.kind == TokenKind::op && current_.text == op; }

  bool too_deep(std::size_t depth) {
    if (depth < kMaxExpressionDepth) return false;
    error_ = "biểu thức lồng quá sâu (quá " + std::to_string(kMaxExpressionDepth) + " tầng ngoặc hay “not”)";
    return true;
  }

  using Level = bool (Parser::*)(std::uint32_t&, std::size_t);

  //! operand { (word | op) operand }, left to right, each operand read by `next`.
  bool chain(Expression::Kind kind, const char* word, const char* op, Level next, std::uint32_t& index, std::size_t depth) {
    if (!(this->*next)(index, depth)) return false;
    while (is_word(word) || is_op(op)) {
      if (!advance()) return false;
      std::uint32_t right = 0;
      if (!(this->*next)(right, depth)) return false;
      Expression::Node node;
      node.kind = kind;
      node.left = index;
      node.right = right;
      if (!add(std::move(node), index)) return false;
    }
    return true;
  }

  bool disjunction(std::uint32_t& index, std::size_t depth) {
    return chain(Expression::Kind::disjunction, "or", "||", &Parser::conjunction, index, depth);
  }

  bool conjunction(std::uint32_t& index, std::size_t depth) {
    return chain(Expression::Kind::conjunction, "and", "&&", &Parser::negation, index, depth);
  }

  bool negation(std::uint32_t& index, std::size_t depth) {
    if (!is_word("not") && !is_op("!")) return comparison(index, depth);
    if (too_deep(depth) || !advance()) return false;
    std::uint32_t operand = 0;
    if (!negation(operand, depth + 1)) return false;
    Expression::Node node;
    node.kind = Expression::Kind::negation;
    node.left = operand;
    return add(std::move(node), index);
  }

  bool comparison(std::uint32_t& index, std::size_t depth) {
    if (!operand(index, depth)) return false;
    static constexpr std::pair<const char*, Expression::Compare> kCompare[] = {
        {"==", Expression::Compare::equal},          {"!=", Expression::Compare::not_equal},
        {"===", Expression::Compare::strictly_equal}, {"!==", Expression::Compare::strictly_not_equal},
        {"<", Expression::Compare::less},            {"<=", Expression::Compare::less_or_equal},
        {">", Expression::Compare::greater},         {">=", Expression::Compare::greater_or_equal}};
    for (auto [op, compare] : kCompare) {
      if (!is_op(op)) continue;
      if (!advance()) return false;
      std::uint32_t right = 0;
      if (!operand(right, depth)) return false;
      Expression::Node node;
      node.kind = Expression::Kind::comparison;
      node.compare = compare;
      node.left = index;
      node.right = right;
      if (!add(std::move(node), index)) return false;
      if (current_.kind == TokenKind::op && current_.text != "!" && current_.text != "&&" && current_.text != "||") {
        error_ = "hai phép so sánh liền nhau (“" + current_.text + "”): nối chúng bằng “and” hoặc “or”";
        return false;
      }
      return true;
    }
    return true;
  }

  bool operand(std::uint32_t& index, std::size_t depth) {
    Expression::Node node;
    switch (current_.kind) {
      case TokenKind::end: error_ = "biểu thức kết thúc khi còn thiếu một giá trị"; return false;
      case TokenKind::close: error_ = "thiếu một giá trị trước “)”"; return false;
      case TokenKind::op: error_ = "thiếu một giá trị trước “" + current_.text + "”"; return false;
      case TokenKind::open: {
        if (too_deep(depth) || !advance()) return false;
        if (!disjunction(index, depth + 1)) return false;
        if (current_.kind != TokenKind::close) {
          error_ = current_.kind == TokenKind::end ? "thiếu dấu “)” đóng ngoặc"
                                                   : "thiếu phép so sánh hay “and”/“or” trước “" + shown(current_) + "”";
          return false;
        }
        return advance();
      }
      case TokenKind::number:
        node.kind = Expression::Kind::number;
        node.number = current_.number;
        break;
      case TokenKind::text:
        node.kind = Expression::Kind::text;
        node.text = current_.text;
        break;
      case TokenKind::word: {
        const std::string& word = current_.text;
        if (word == "and" || word == "or" || word == "not") {
          error_ = "thiếu một giá trị trước “" + word + "”";
          return false;
        }
        if (word == "true" || word == "false") {
          node.kind = Expression::Kind::boolean;
          node.boolean = word == "true";
          break;
        }
        if (word == "null" || word == "undefined") {
          node.kind = Expression::Kind::null;
          break;
        }
        std::string_view path = word;
        node.kind = Expression::Kind::path;
        if (path.size() > 7 && path.substr(path.size() - 7) == ".length") {
          node.kind = Expression::Kind::length;
          path.remove_suffix(7);
        }
        if (static_cast<std::size_t>(std::count(path.begin(), path.end(), '.')) >= max_path_segments_) {
          error_ = "tên trường “" + word + "” có quá " + std::to_string(max_path_segments_) + " phần";
          return false;
        }
        if (!parse_path(path, node.path) || (node.path.segments.empty() && node.kind == Expression::Kind::length)) {
          error_ = "“" + word + "” không phải tên trường, số hay chữ trong dấu nháy";
          return false;
        }
        break;
      }
    }
    if (!add(std::move(node), index)) return false;
    return advance();
  }

  Tokenizer tokenizer_;
  std::size_t max_path_segments_;
  Expression* expression_ = nullptr;
  Token current_;
  std::size_t tokens_ = 0;
  std::string canonical_;
  std::string error_;
};

// ---------------------------------------------------------------------------------------------
// Evaluating.

struct Operand {
  enum class Type : std::uint8_t { null, boolean, number, text, other } type = Type::null;
  bool boolean = false;
  double number = 0;
  std::string_view text;
  const json* value = nullptr;  //!< other: an array or an object
};

Operand of(const json* value) {
  Operand operand;
  if (!value) return operand;
  switch (value->type()) {
    case json::value_t::boolean: operand.type = Operand::Type::boolean; operand.boolean = value->get<bool>(); break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: operand.type = Operand::Type::number; operand.number = value->get<double>(); break;
    case json::value_t::string: operand.type = Operand::Type::text; operand.text = value->get_ref<const std::string&>(); break;
    case json::value_t::array:
    case json::value_t::object: operand.type = Operand::Type::other; operand.value = value; break;
    default: break;
  }
  return operand;
}

bool truthy(const Operand& operand) {
  switch (operand.type) {
    case Operand::Type::null: return false;
    case Operand::Type::boolean: return operand.boolean;
    case Operand::Type::number: return operand.number != 0;
    case Operand::Type::text: return !operand.text.empty();
    case Operand::Type::other: return operand.value->is_object() || !operand.value->empty();
  }
  return false;
}

//! A number, or a text that is exactly one ("5", "-2.5", with blanks around): its value.
bool numeric(const Operand& operand, double& value) {
  if (operand.type == Operand::Type::number) {
    value = operand.number;
    return true;
  }
  if (operand.type != Operand::Type::text) return false;
  std::string_view text = operand.text;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return !text.empty() && is_number(text, value);
}

bool same(const Operand& a, const Operand& b, bool strict) {
  if (a.type == Operand::Type::null || b.type == Operand::Type::null) return a.type == b.type;
  if (a.type == b.type) {
    switch (a.type) {
      case Operand::Type::boolean: return a.boolean == b.boolean;
      case Operand::Type::number: return a.number == b.number;
      case Operand::Type::text: return a.text == b.text;
      case Operand::Type::other: return a.value == b.value;  // the same list or group, as JavaScript compares them
      default: return true;
    }
  }
  double x = 0, y = 0;
  return !strict && numeric(a, x) && numeric(b, y) && x == y;
}

//! -1, 0, 1; 2 when the two have no order.
int order(const Operand& a, const Operand& b) {
  if (a.type == Operand::Type::text && b.type == Operand::Type::text) {
    const int c = a.text.compare(b.text);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  double x = 0, y = 0;
  if (numeric(a, x) && numeric(b, y)) return x < y ? -1 : x > y ? 1 : 0;
  return 2;
}

class Evaluator {
 public:
  Evaluator(const Expression& expression, PathResolver resolve, const void* context, std::uint64_t& steps)
      : expression_(expression), resolve_(resolve), context_(context), steps_(steps) {}

  //! False once the steps ran out (then the value means nothing).
  bool within_budget() const { return !spent_; }

  Operand value(std::uint32_t index) {
    const Expression::Node& node = expression_.nodes[index];
    Operand operand;
    if (!charge(1)) return operand;
    switch (node.kind) {
      case Expression::Kind::path: return of(resolve_(context_, node.path));
      case Expression::Kind::length: {
        const json* found = resolve_(context_, node.path);
        if (found && found->is_string() && !charge(found->get_ref<const std::string&>().size() / 64)) return operand;
        if (std::optional<std::size_t> length = found ? measured_length(*found) : std::nullopt)
          return number(static_cast<double>(*length));
        if (found && found->is_object()) {  // an object with a field named "length"
          auto it = found->find("length");
          return of(it == found->end() ? nullptr : &*it);
        }
        return operand;
      }
      case Expression::Kind::number: return number(node.number);
      case Expression::Kind::text:
        operand.type = Operand::Type::text;
        operand.text = node.text;
        return operand;
      case Expression::Kind::boolean: return boolean(node.boolean);
      case Expression::Kind::null: return operand;
      case Expression::Kind::negation: return boolean(!truthy(value(node.left)));
      case Expression::Kind::conjunction: return boolean(truthy(value(node.left)) && truthy(value(node.right)));
      case Expression::Kind::disjunction: return boolean(truthy(value(node.left)) || truthy(value(node.right)));
      case Expression::Kind::comparison: {
        const Operand a = value(node.left), b = value(node.right);
        if (!charge((a.text.size() + b.text.size()) / 64)) return operand;  // comparing texts walks them
        switch (node.compare) {
          case Expression::Compare::equal: return boolean(same(a, b, false));
          case Expression::Compare::not_equal: return boolean(!same(a, b, false));
          case Expression::Compare::strictly_equal: return boolean(same(a, b, true));
          case Expression::Compare::strictly_not_equal: return boolean(!same(a, b, true));
          default: break;
        }
        const int o = order(a, b);  // -1, 0, 1, or 2: no order
        switch (node.compare) {
          case Expression::Compare::less: return boolean(o == -1);
          case Expression::Compare::less_or_equal: return boolean(o == -1 || o == 0);
          case Expression::Compare::greater: return boolean(o == 1);
          default: return boolean(o == 1 || o == 0);  // greater_or_equal
        }
      }
    }
    return operand;
  }

 private:
  static Operand number(double n) {
    Operand operand;
    operand.type = Operand::Type::number;
    operand.number = n;
    return operand;
  }
  static Operand boolean(bool b) {
    Operand operand;
    operand.type = Operand::Type::boolean;
    operand.boolean = b;
    return operand;
  }

  bool charge(std::uint64_t cost) {
    if (spent_ || steps_ < cost) {
      steps_ = 0;
      spent_ = true;
      return false;
    }
    steps_ -= cost;
    return true;
  }

  const Expression& expression_;
  PathResolver resolve_;
  const void* context_;
  std::uint64_t& steps_;
  bool spent_ = false;
};

}  // namespace

Quote quote_at(std::string_view text) {
  if (text.starts_with('"')) return {'d', 1};
  if (text.starts_with('\'')) return {'s', 1};
  if (text.starts_with("\xE2\x80\x9C") || text.starts_with("\xE2\x80\x9D")) return {'d', 3};
  if (text.starts_with("\xE2\x80\x98") || text.starts_with("\xE2\x80\x99")) return {'s', 3};
  return {};
}

bool looks_like_expression(std::string_view text) {
  static constexpr std::string_view kSymbols[] = {"\xE2\x89\xA4", "\xE2\x89\xA5", "\xE2\x89\xA0"};  // ≤ ≥ ≠
  std::size_t quotes = 0, words = 0;
  bool keyword = false;
  std::size_t word_start = std::string_view::npos;
  auto blank_at = [&](std::size_t i) -> std::size_t {  // the blank's length at i, 0 when none
    if (text[i] == ' ' || text[i] == '\t') return 1;
    return text.substr(i, 2) == "\xC2\xA0" ? 2 : 0;
  };
  auto word_ends = [&](std::size_t at) {
    if (word_start == std::string_view::npos) return;
    const std::string_view word = text.substr(word_start, at - word_start);
    keyword = keyword || word == "and" || word == "or" || word == "not";
    ++words;
    word_start = std::string_view::npos;
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    const char c = text[i];
    if (std::strchr("=!<>()", c) != nullptr && c != '\0') return true;
    if (rest.starts_with("&&") || rest.starts_with("||")) return true;
    if ((c == '&' || c == '|') && i > 0 && i + 1 < text.size() && blank_at(i - 1) && blank_at(i + 1)) return true;  // "a & b"
    for (std::string_view symbol : kSymbols)
      if (rest.starts_with(symbol)) return true;
    if (const Quote quote = quote_at(rest); quote.kind) {
      if (++quotes == 2) return true;  // a quoted text; one apostrophe alone is a mistake in a name
      i += quote.length;
      continue;
    }
    if (std::size_t blank = blank_at(i)) {
      word_ends(i);
      i += blank;
      continue;
    }
    if (word_start == std::string_view::npos) word_start = i;
    ++i;
  }
  word_ends(text.size());
  // Words and blanks only: a condition when a word is one of its keywords ("not a", "a and b"),
  // else a name with blanks in it, which stays a malformed name.
  return words >= 2 && keyword;
}

ExpressionParse parse_expression(std::string_view text, std::size_t max_path_segments) {
  if (text.size() > kMaxExpressionBytes) {
    ExpressionParse result;
    result.error = "biểu thức quá dài (quá " + std::to_string(kMaxExpressionBytes) + " byte)";
    return result;
  }
  return Parser(text, max_path_segments).parse();
}

std::optional<bool> evaluate(const Expression& expression, PathResolver resolve, const void* context, std::uint64_t& steps) {
  Evaluator evaluator(expression, resolve, context, steps);
  const bool holds = truthy(evaluator.value(expression.root));
  if (!evaluator.within_budget()) return std::nullopt;
  return holds;
}

std::optional<std::size_t> measured_length(const nlohmann::json& value) {
  if (value.is_array()) return value.size();
  if (!value.is_string()) return std::nullopt;
  std::size_t n = 0;
  for (char c : value.get_ref<const std::string&>())
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;  // a code point's first byte
  return n;
}

std::vector<std::string> operand_paths(const Expression& expression) {
  std::vector<std::string> paths;
  for (const Expression::Node& node : expression.nodes) {
    if (node.kind != Expression::Kind::path && node.kind != Expression::Kind::length) continue;
    std::string path = node.kind == Expression::Kind::length ? node.path.text + ".length" : node.path.text;
    if (std::find(paths.begin(), paths.end(), path) == paths.end()) paths.push_back(std::move(path));
  }
  return paths;
}

}  // namespace vanthu::engine
