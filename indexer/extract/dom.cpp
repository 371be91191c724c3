// dom.cpp — see dom.h.
#include "indexer/extract/dom.h"

#include <cstring>

namespace dossier::indexer::extraction {

std::string_view attribute(const GumboNode* node, const char* name) {
  if (node == nullptr || (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE))
    return {};
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? std::string_view(attr->value) : std::string_view();
}

bool has_attribute(const GumboNode* node, const char* name) {
  if (node == nullptr || (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE))
    return false;
  return gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

bool is_non_text_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_FRAMESET:
      return true;
    default:
      return false;
  }
}

bool is_heading_tag(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

namespace {

bool has_class_token(std::string_view classes, std::string_view token) {
  std::size_t pos = 0;
  while (pos < classes.size()) {
    while (pos < classes.size() && classes[pos] == ' ') ++pos;
    std::size_t end = classes.find(' ', pos);
    if (end == std::string_view::npos) end = classes.size();
    if (classes.substr(pos, end - pos) == token) return true;
    pos = end;
  }
  return false;
}

std::string without_spaces_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace

bool hides_itself(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  if (has_attribute(node, "hidden")) return true;
  std::string_view aria = attribute(node, "aria-hidden");
  if (!aria.empty() && lowercase(aria) == "true") return true;
  std::string_view style = attribute(node, "style");
  if (!style.empty()) {
    std::string s = without_spaces_lower(style);
    if (s.find("display:none") != std::string::npos ||
        s.find("visibility:hidden") != std::string::npos)
      return true;
  }
  std::string_view cls = attribute(node, "class");
  if (!cls.empty()) {
    std::string c = lowercase(cls);
    for (char& ch : c)
      if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
    if (has_class_token(c, "hidden") || has_class_token(c, "screen-reader-text") ||
        has_class_token(c, "sr-only") || has_class_token(c, "visually-hidden") ||
        has_class_token(c, "visuallyhidden") || has_class_token(c, "element-invisible"))
      return true;
  }
  return false;
}

void append_collapsed(std::string& out, std::string_view text, bool& pending_space) {
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
      continue;
    }
    if (c == 0xC2 && i + 1 < n) {
      unsigned char d = static_cast<unsigned char>(text[i + 1]);
      if (d == 0xA0) {  // no-break space
        pending_space = true;
        ++i;
        continue;
      }
      if (d == 0xAD) {  // soft hyphen
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x80 && d <= 0x8A) {  // en/em/thin/hair... spaces
        pending_space = true;
        i += 2;
        continue;
      }
      if (d == 0x8B || d == 0x8C || d == 0x8D) {  // zero-width space / (non-)joiner
        i += 2;
        continue;
      }
      if (d == 0xAF) {  // narrow no-break space
        pending_space = true;
        i += 2;
        continue;
      }
    }
    if (c == 0xEF && i + 2 < n && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
        static_cast<unsigned char>(text[i + 2]) == 0xBF) {  // BOM / zero-width no-break space
      i += 2;
      continue;
    }
    if (pending_space) {
      if (!out.empty() && out.back() != '\n') out.push_back(' ');
      pending_space = false;
    }
    out.push_back(static_cast<char>(c));
  }
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool pending = false;
  append_collapsed(out, text, pending);
  return out;
}

int visible_chars(std::string_view text) {
  int count = 0;
  for (char c : text)
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) ++count;
  return count;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace dossier::indexer::extraction
