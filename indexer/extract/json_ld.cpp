// json_ld.cpp — see json_ld.h.
#include "indexer/extract/json_ld.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace dossier::indexer::extraction {
namespace {

using nlohmann::json;

bool is_article_type(std::string_view type) {
  return type.find("Article") != std::string_view::npos || type == "BlogPosting" ||
         type == "Report" || type == "PressRelease" || type == "LiveBlogPosting" ||
         type == "SocialMediaPosting" || type == "Posting" || type == "Blog";
}

std::string type_of(const json& obj) {
  auto it = obj.find("@type");
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array())
    for (const json& t : *it)
      if (t.is_string() && is_article_type(t.get<std::string>())) return t.get<std::string>();
  if (it->is_array() && !it->empty() && it->front().is_string())
    return it->front().get<std::string>();
  return {};
}

std::string string_of(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object()) {
    for (const char* inner : {"@id", "url", "name", "@value"}) {
      auto jt = it->find(inner);
      if (jt != it->end() && jt->is_string()) return jt->get<std::string>();
    }
  }
  if (it->is_array() && !it->empty() && it->front().is_string())
    return it->front().get<std::string>();
  return {};
}

void fill(const json& obj, const std::string& type, JsonLdArticle& out) {
  out.found = true;
  out.type = type;
  out.headline = string_of(obj, "headline");
  if (out.headline.empty()) out.headline = string_of(obj, "name");
  out.date_published = string_of(obj, "datePublished");
  if (out.date_published.empty()) out.date_published = string_of(obj, "dateCreated");
  out.url = string_of(obj, "url");
  if (out.url.empty()) out.url = string_of(obj, "mainEntityOfPage");
  if (out.url.empty()) out.url = string_of(obj, "@id");
  out.language = string_of(obj, "inLanguage");
  auto it = obj.find("articleSection");
  if (it != obj.end()) {
    if (it->is_string()) out.sections.push_back(it->get<std::string>());
    if (it->is_array())
      for (const json& s : *it)
        if (s.is_string()) out.sections.push_back(s.get<std::string>());
  }
}

// Depth-first over objects, arrays and @graph; an article wins over a web page.
void visit(const json& node, JsonLdArticle& article, JsonLdArticle& page, int depth) {
  if (depth > 20) return;
  if (node.is_array()) {
    for (const json& item : node) visit(item, article, page, depth + 1);
    return;
  }
  if (!node.is_object()) return;
  std::string type = type_of(node);
  if (!article.found && is_article_type(type)) fill(node, type, article);
  if (!page.found && (type == "WebPage" || type == "ItemPage")) fill(node, type, page);
  for (const char* key : {"@graph", "mainEntity", "itemListElement"}) {
    auto it = node.find(key);
    if (it != node.end()) visit(*it, article, page, depth + 1);
  }
}

// Removes what pages wrap JSON in (CDATA markers, HTML comments, "//" lines):
// keeps what lies between the first opening and the last closing bracket.
std::string cleaned(std::string_view text) {
  std::string unwrapped(text);
  for (std::string_view junk : {"<![CDATA[", "]]>", "<!--", "-->"})
    for (std::size_t pos; (pos = unwrapped.find(junk)) != std::string::npos;)
      unwrapped.erase(pos, junk.size());
  std::size_t first = unwrapped.find_first_of("{[");
  std::size_t last = unwrapped.find_last_of("}]");
  if (first == std::string::npos || last == std::string::npos || last < first) return {};
  std::string s = unwrapped.substr(first, last - first + 1);
  // Trailing commas before } or ]: a frequent hand-written mistake.
  std::string out;
  out.reserve(s.size());
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < s.size()) {
        out.push_back(s[++i]);
      } else if (c == '"') {
        in_string = false;
      } else if (c == '\n' || c == '\r' || c == '\t') {
        out.back() = ' ';  // raw control characters inside strings
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == ',') {
      std::size_t j = i + 1;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t')) ++j;
      if (j < s.size() && (s[j] == '}' || s[j] == ']')) continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

JsonLdArticle read_json_ld(const std::vector<std::string>& blocks) {
  JsonLdArticle article, page;
  for (const std::string& block : blocks) {
    json doc = json::parse(block, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) doc = json::parse(cleaned(block), nullptr, false);
    if (doc.is_discarded()) continue;
    visit(doc, article, page, 0);
    if (article.found) break;
  }
  return article.found ? article : page;
}

}  // namespace dossier::indexer::extraction
