// facet_spy.h — counts facet values over every document of a match in one
// pass, reading the one value slot where the writer packs them all as codes
// (schema::pack_facets); a FacetDictionary names the codes afterwards.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "schema/schema.h"

namespace dossier::searchd {

class FacetSpy : public Xapian::MatchSpy {
 public:
  // Counts every facet, or only `only`.
  explicit FacetSpy(std::optional<schema::Facet> only = std::nullopt) : only_(only) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  // Value -> count; codes the dictionary cannot name are left out.
  std::unordered_map<std::string, std::size_t> counts(schema::Facet f,
                                                      const schema::FacetDictionary& names) const;
  std::size_t documents() const { return documents_; }

 private:
  std::optional<schema::Facet> only_;
  std::array<std::unordered_map<std::uint32_t, std::size_t>, schema::kFacetCount> counts_;
  std::size_t documents_ = 0;
};

}  // namespace dossier::searchd
