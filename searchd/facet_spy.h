// facet_spy.h — counts facet values over every document of a match in one
// pass, reading the one value slot where the writer packs them all.
#pragma once

#include <xapian.h>

#include <array>
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
  std::unordered_map<std::string, std::size_t> counts(schema::Facet f) const;
  std::size_t documents() const { return documents_; }

 private:
  // Looked up by string_view, so counting allocates nothing per document.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Counts = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;
  std::optional<schema::Facet> only_;
  std::array<Counts, schema::kFacetCount> counts_;
  std::size_t documents_ = 0;
};

}  // namespace dossier::searchd
