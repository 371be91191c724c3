// facet_spy.cpp — see facet_spy.h.
#include "searchd/facet_spy.h"

namespace dossier::searchd {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++documents_;
  const std::string packed = doc.get_value(schema::slot::kFacets);
  schema::unpack_facet_codes(packed, [&](schema::Facet f, std::uint32_t code) {
    if (only_ && *only_ != f) return;
    ++counts_[static_cast<int>(f)][code];
  });
}

std::unordered_map<std::string, std::size_t> FacetSpy::counts(
    schema::Facet f, const schema::FacetDictionary& names) const {
  std::unordered_map<std::string, std::size_t> out;
  for (const auto& [code, n] : counts_[static_cast<int>(f)])
    if (const std::string* name = names.name(f, code)) out[*name] += n;
  return out;
}

}  // namespace dossier::searchd
