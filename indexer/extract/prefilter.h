// prefilter.h — a byte scanner run before Gumbo. It removes what the extractor
// never reads: <script>, <style>, <svg>, <noscript> and <template> elements and
// HTML comments. On news pages these are often more than half the bytes, and
// Gumbo tokenises every one of them. JSON-LD blocks are handed back separately
// for the metadata reader.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::indexer::extraction {

struct PrefilteredHtml {
  std::string html;                  // the page without those elements and comments
  std::vector<std::string> json_ld;  // bodies of <script type="application/ld+json">
};

PrefilteredHtml prefilter_html(std::string_view html);

}  // namespace dossier::indexer::extraction
