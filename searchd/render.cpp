// render.cpp — see render.h.
#include "searchd/render.h"

#include "searchd/snippet.h"

namespace dossier::searchd {
namespace {

using nlohmann::json;

json date_json(const std::optional<std::string>& d) { return d ? json(*d) : json(nullptr); }

json filters_json(const FilterMap& m) {
  json j = json::object();
  for (const auto& [f, values] : m)
    if (!values.empty()) j[std::string(schema::facet_name(f))] = values;
  return j;
}

std::string csv_field(std::string_view s) {
  bool quote = s.find_first_of(",\"\n\r") != std::string_view::npos;
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@');
  std::string out;
  if (formula) out += '\'';
  out += s;
  if (!quote && !formula) return out;
  std::string q = "\"";
  for (char c : out) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& x : v) {
    if (!out.empty()) out += sep;
    out += x;
  }
  return out;
}

}  // namespace

json result_json(const schema::StoredDoc& d, const std::string& snippet) {
  return {{"id", d.id},           {"url", d.url},           {"title", d.title},
          {"date", date_json(d.date)}, {"type", d.type},    {"lang", d.lang},
          {"ministers", d.ministers},  {"orgs", d.orgs},    {"topics", d.topics},
          {"snippet", snippet}};
}

json facets_json(const FacetCounts& facets) {
  json j = json::object();
  for (const auto& [f, values] : facets) {
    json arr = json::array();
    for (const auto& v : values) {
      json e = {{"value", v.value}, {"label", v.label}, {"label_fr", v.label_fr}, {"count", v.count}};
      if (v.selected) e["selected"] = true;
      arr.push_back(std::move(e));
    }
    j[std::string(schema::facet_name(f))] = std::move(arr);
  }
  return j;
}

json search_json(const SearchResponse& r) {
  json results = json::array();
  for (const auto& h : r.results) results.push_back(result_json(h.doc, h.snippet));
  json interpreted = {{"text", r.interpreted.text}, {"filters", filters_json(r.interpreted.filters)}};
  if (r.interpreted.from) interpreted["from"] = *r.interpreted.from;
  if (r.interpreted.to) interpreted["to"] = *r.interpreted.to;
  if (!r.interpreted.exclusions.empty())
    interpreted["exclude"] = filters_json(r.interpreted.exclusions);
  if (!r.interpreted.ignored.empty()) interpreted["ignored"] = r.interpreted.ignored;
  interpreted["lang"] = r.interpreted.lang;
  json j = {{"query", r.query},
            {"interpreted", std::move(interpreted)},
            {"total", r.total},
            {"page", r.page},
            {"per_page", r.per_page},
            {"took_ms", r.took_ms},
            {"suggestion", r.suggestion ? json(*r.suggestion) : json(nullptr)},
            {"results", std::move(results)},
            {"facets", facets_json(r.facets)}};
  if (r.fallback) {
    j["fallback"] = true;
    j["notice"] = r.notice;
    j["searched"] = r.searched;
  }
  return j;
}

json document_json(const schema::StoredDoc& d, const std::string& highlighted_html) {
  json seen = json::array();
  std::vector<std::string> urls;
  for (const auto& s : d.seen) {
    seen.push_back({{"url", s.url}, {"captured", s.captured}, {"full", s.full}, {"listing", s.listing}});
    if (std::find(urls.begin(), urls.end(), s.url) == urls.end()) urls.push_back(s.url);
  }
  json j = result_json(d, "");
  j.erase("snippet");
  j["body"] = d.body;
  j["body_html"] = highlighted_html;
  j["urls"] = urls;
  j["seen"] = seen;
  j["fingerprint"] = d.fingerprint;
  return j;
}

std::string csv_header() {
  return "id,title,date,type,lang,ministers,orgs,topics,url,urls\r\n";
}

std::string csv_row(const schema::StoredDoc& d) {
  std::vector<std::string> urls;
  for (const auto& s : d.seen)
    if (std::find(urls.begin(), urls.end(), s.url) == urls.end()) urls.push_back(s.url);
  std::string row;
  for (const std::string& f :
       {d.id, d.title, d.date.value_or(""), d.type, d.lang, join(d.ministers, "; "),
        join(d.orgs, "; "), join(d.topics, "; "), d.url, join(urls, " ")}) {
    if (!row.empty()) row += ',';
    row += csv_field(f);
  }
  return row + "\r\n";
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') continue;
        out += static_cast<char>(c);
    }
  }
  return out;
}

std::string atom_feed(const SearchResponse& r, const std::string& self, const std::string& site,
                      const std::string& now) {
  std::string updated = now;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <title>" + xml_escape("Dossier: " + (r.query.empty() ? std::string("all documents") : r.query)) +
         "</title>\n";
  out += "  <id>" + xml_escape(self) + "</id>\n";
  out += "  <link rel=\"self\" href=\"" + xml_escape(self) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(site) + "\"/>\n";
  out += "  <updated>" + updated + "</updated>\n";
  out += "  <generator>Dossier</generator>\n";
  for (const auto& h : r.results) {
    const auto& d = h.doc;
    // An undated post is dated by its capture, never by today.
    std::string when = d.date ? *d.date + "T00:00:00Z" : (d.best.captured.empty() ? now : d.best.captured);
    out += "  <entry>\n";
    out += "    <title>" + xml_escape(d.title) + "</title>\n";
    out += "    <id>urn:dossier:" + xml_escape(d.id) + "</id>\n";
    out += "    <link href=\"" + xml_escape(d.url) + "\"/>\n";
    out += "    <updated>" + when + "</updated>\n";
    if (d.date) out += "    <published>" + when + "</published>\n";
    for (const auto& o : d.orgs) out += "    <author><name>" + xml_escape(o) + "</name></author>\n";
    if (d.orgs.empty()) out += "    <author><name>Unknown</name></author>\n";
    out += "    <category term=\"" + xml_escape(d.type) + "\" label=\"type\"/>\n";
    for (const auto& t : d.topics) out += "    <category term=\"" + xml_escape(t) + "\" label=\"topic\"/>\n";
    out += "    <summary type=\"html\">" + xml_escape(h.snippet) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace dossier::searchd
