// annotate.h — the annotate stage: from an extracted post (title, main text,
// page date, <html lang>) to its facet values: the document's own date, its
// type, language, the ministers it addresses or names in their role, the
// organisations that sign it, and its topics. Everything the rules need is
// precompiled in the constructor from the gazetteers; annotate() is const and
// keeps no state between calls, so one Annotator serves any number of threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "indexer/extract/post.h"
#include "schema/gazetteer.h"

namespace dossier::indexer {

struct Annotation {
  std::optional<std::string> date;     // YYYY-MM-DD: the letter's own date, else the page's
  std::string type;                    // a DocType slug: "letter", "press-release", ...
  std::string lang;                    // ISO 639-1, "" when unknown
  std::vector<std::string> ministers;  // canonical full names, in order of first evidence
  std::vector<std::string> orgs;       // canonical names (or the signature line), in order
  std::vector<std::string> topics;     // topic slugs, strongest first
};

class AnnotatorRules;  // the compiled matchers (annotate_rules.h)

class Annotator {
 public:
  // Borrows the gazetteers, which must outlive the Annotator.
  explicit Annotator(const schema::Gazetteers& gazetteers);
  ~Annotator();
  Annotator(Annotator&&) noexcept;
  Annotator& operator=(Annotator&&) noexcept;

  Annotation annotate(const ExtractedPost& post) const;

 private:
  std::unique_ptr<const AnnotatorRules> rules_;
};

}  // namespace dossier::indexer
