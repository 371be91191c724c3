// metadata.cpp — see metadata.h.
#include "indexer/extract/metadata.h"

#include <array>

#include "indexer/extract/dom.h"
#include "indexer/extract/json_ld.h"
#include "indexer/identity.h"
#include "schema/dates.h"

namespace dossier::indexer::extraction {
namespace {

// Meta names and properties that carry a publication date, best first.
constexpr std::array<std::string_view, 18> kDateMetas = {"article:published_time",
                                                         "og:published_time",
                                                         "article:published",
                                                         "datepublished",
                                                         "publish-date",
                                                         "publish_date",
                                                         "publishdate",
                                                         "pubdate",
                                                         "date",
                                                         "dc.date.issued",
                                                         "dcterms.issued",
                                                         "dc.date",
                                                         "dcterms.date",
                                                         "dcterms.created",
                                                         "sailthru.date",
                                                         "parsely-pub-date",
                                                         "citation_publication_date",
                                                         "article.published"};

bool has_token(std::string_view list, std::string_view token) {
  std::string s = lowercase(list);
  std::size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n')) ++pos;
    std::size_t end = pos;
    while (end < s.size() && !(s[end] == ' ' || s[end] == '\t' || s[end] == '\n')) ++end;
    if (std::string_view(s).substr(pos, end - pos) == token) return true;
    pos = end;
  }
  return false;
}

std::string trimmed(std::string_view s) { return collapse_whitespace(s); }

int date_meta_rank(std::string_view key) {
  for (std::size_t i = 0; i < kDateMetas.size(); ++i)
    if (key == kDateMetas[i]) return static_cast<int>(i);
  return -1;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::size_t count_words(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

std::string fold_for_compare(std::string_view s) {
  std::string out;
  for (char c : lowercase(s))
    if (c != ' ' && c != '.' && c != '-') out.push_back(c);
  return out;
}

bool looks_like_site_part(std::string_view part, std::string_view site_name) {
  if (part.empty()) return false;
  std::string p = fold_for_compare(part);
  if (!site_name.empty()) {
    std::string s = fold_for_compare(site_name);
    if (p == s ||
        (s.size() > 3 && (p.find(s) != std::string::npos || s.find(p) != std::string::npos)))
      return true;
  }
  if (part.find(".com") != std::string_view::npos || part.find(".org") != std::string_view::npos ||
      part.find(".ca") != std::string_view::npos || part.find(".fr") != std::string_view::npos)
    return true;
  return false;
}

bool short_and_capitalised(std::string_view part) {
  if (count_words(part) > 4 || part.size() > 40) return false;
  return !part.empty() &&
         ((part[0] >= 'A' && part[0] <= 'Z') || static_cast<unsigned char>(part[0]) >= 0x80);
}

}  // namespace

std::string two_letter_language(std::string_view tag) {
  std::string t = lowercase(trimmed(tag));
  if (t.size() < 2 || !is_letter(t[0]) || !is_letter(t[1])) return {};
  if (t.size() > 2 && t[2] != '-' && t[2] != '_') return {};
  return t.substr(0, 2);
}

std::string strip_site_name(std::string_view title_in, std::string_view site_name) {
  std::string title = trimmed(title_in);
  struct Separator {
    std::string_view text;
    bool strong;  // a separator titles rarely use inside themselves
  };
  static constexpr std::array<Separator, 8> kSeparators = {{{" | ", true},
                                                            {" \xE2\x80\x93 ", true},
                                                            {" \xE2\x80\x94 ", true},
                                                            {" :: ", true},
                                                            {" \xC2\xBB ", true},
                                                            {" \xC2\xB7 ", true},
                                                            {" \xE2\x80\xA2 ", true},
                                                            {" - ", false}}};
  for (const Separator& sep : kSeparators) {
    std::size_t last = title.rfind(sep.text);
    if (last != std::string::npos && last > 0) {
      std::string_view before(title.data(), last);
      std::string_view after(title.data() + last + sep.text.size(),
                             title.size() - last - sep.text.size());
      if (count_words(before) >= 2 &&
          (looks_like_site_part(after, site_name) || (sep.strong && short_and_capitalised(after))))
        return std::string(before);
    }
    std::size_t first = title.find(sep.text);
    if (first != std::string::npos && first > 0) {
      std::string_view before(title.data(), first);
      std::string_view after(title.data() + first + sep.text.size(),
                             title.size() - first - sep.text.size());
      if (count_words(after) >= 2 && looks_like_site_part(before, site_name))
        return std::string(after);
    }
  }
  return title;
}

PageMetadata read_page_metadata(const PageTree& tree, const std::vector<std::string>& json_ld,
                                std::string_view page_url) {
  PageMetadata meta;
  meta.base_url = std::string(page_url);
  std::string canonical_href, og_url, og_type, og_locale, html_lang, content_language, app_name;
  int best_date_rank = -1;
  std::string date_text;

  for (int i = 0; i < tree.size(); ++i) {
    const TreeNode& t = tree[i];
    switch (t.tag) {
      case GUMBO_TAG_HTML:
        if (html_lang.empty()) html_lang = std::string(attribute(t.node, "lang"));
        if (html_lang.empty()) html_lang = std::string(attribute(t.node, "xml:lang"));
        break;
      case GUMBO_TAG_BASE: {
        std::string_view href = attribute(t.node, "href");
        if (!href.empty()) meta.base_url = resolve_url(page_url, href);
        break;
      }
      case GUMBO_TAG_TITLE:
        if (meta.html_title.empty()) {
          // <title> text is hidden for the body measures; read it directly.
          const GumboVector& kids = t.node->v.element.children;
          std::string text;
          for (unsigned k = 0; k < kids.length; ++k) {
            const GumboNode* c = static_cast<const GumboNode*>(kids.data[k]);
            if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE)
              text += c->v.text.text;
          }
          meta.html_title = trimmed(text);
        }
        break;
      case GUMBO_TAG_LINK:
        if (canonical_href.empty() && has_token(attribute(t.node, "rel"), "canonical"))
          canonical_href = std::string(attribute(t.node, "href"));
        break;
      case GUMBO_TAG_META: {
        std::string key = lowercase(attribute(t.node, "property"));
        if (key.empty()) key = lowercase(attribute(t.node, "name"));
        if (key.empty()) key = lowercase(attribute(t.node, "itemprop"));
        std::string http_equiv = lowercase(attribute(t.node, "http-equiv"));
        std::string content = trimmed(attribute(t.node, "content"));
        if (content.empty()) break;
        if (http_equiv == "content-language" && content_language.empty())
          content_language = content;
        if (key == "og:title" && meta.og_title.empty()) meta.og_title = content;
        if (key == "twitter:title" && meta.og_title.empty()) meta.og_title = content;
        if (key == "og:url" && og_url.empty()) og_url = content;
        if (key == "og:type" && og_type.empty()) og_type = lowercase(content);
        if (key == "og:locale" && og_locale.empty()) og_locale = content;
        if (key == "og:site_name" && meta.site_name.empty()) meta.site_name = content;
        if (key == "application-name" && app_name.empty()) app_name = content;
        if (key == "article:section" || key == "og:section") meta.sections.push_back(content);
        int rank = date_meta_rank(key);
        if (rank >= 0 && (best_date_rank < 0 || rank < best_date_rank)) {
          if (auto d = schema::parse_date(content)) {
            best_date_rank = rank;
            meta.meta_date = *d;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  if (meta.site_name.empty()) meta.site_name = app_name;

  JsonLdArticle article = read_json_ld(json_ld);
  if (article.found) {
    meta.json_ld_title = trimmed(article.headline);
    if (!article.date_published.empty())
      meta.json_ld_date = schema::parse_date(article.date_published);
    if (!article.url.empty()) meta.json_ld_url = resolve_url(meta.base_url, article.url);
    for (const std::string& s : article.sections) meta.sections.push_back(trimmed(s));
  }

  if (!canonical_href.empty()) {
    meta.canonical_url = resolve_url(meta.base_url, canonical_href);
  } else if (!og_url.empty()) {
    meta.canonical_url = resolve_url(meta.base_url, og_url);
  }

  meta.lang = two_letter_language(html_lang);
  if (meta.lang.empty()) meta.lang = two_letter_language(og_locale);
  if (meta.lang.empty()) meta.lang = two_letter_language(content_language);
  if (meta.lang.empty() && article.found) meta.lang = two_letter_language(article.language);

  bool article_type = article.found && article.type != "WebPage" && article.type != "ItemPage";
  meta.says_article = og_type == "article" || best_date_rank == 0 || article_type;

  std::string t = lowercase(meta.html_title.empty() ? meta.og_title : meta.html_title);
  meta.says_not_found =
      t.find("not found") != std::string::npos || t.find("404") != std::string::npos ||
      t.find("introuvable") != std::string::npos || t.find("page non trouv") != std::string::npos;
  return meta;
}

}  // namespace dossier::indexer::extraction
