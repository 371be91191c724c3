// facet_spy.cpp — see facet_spy.h.
#include "searchd/facet_spy.h"

namespace dossier::searchd {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++documents_;
  std::string packed = doc.get_value(schema::slot::kFacets);
  schema::unpack_facets(packed, [&](schema::Facet f, std::string_view v) {
    if (only_ && *only_ != f) return;
    auto& m = counts_[static_cast<int>(f)];
    auto it = m.find(v);
    if (it == m.end())
      m.emplace(std::string(v), 1);
    else
      ++it->second;
  });
}

std::unordered_map<std::string, std::size_t> FacetSpy::counts(schema::Facet f) const {
  const auto& m = counts_[static_cast<int>(f)];
  return {m.begin(), m.end()};
}

}  // namespace dossier::searchd
