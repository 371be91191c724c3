// annotate.cpp — the annotate stage: one PostText per post, then each rule.
#include "indexer/annotate/annotate.h"

#include "indexer/annotate/annotate_rules.h"
#include "indexer/annotate/doc_type.h"
#include "indexer/annotate/document_date.h"
#include "indexer/annotate/language.h"
#include "indexer/annotate/ministers.h"
#include "indexer/annotate/post_text.h"
#include "indexer/annotate/signatories.h"
#include "indexer/annotate/topics.h"

namespace dossier::indexer {

Annotator::Annotator(const schema::Gazetteers& gazetteers)
    : rules_(std::make_unique<const AnnotatorRules>(gazetteers)) {}
Annotator::~Annotator() = default;
Annotator::Annotator(Annotator&&) noexcept = default;
Annotator& Annotator::operator=(Annotator&&) noexcept = default;

Annotation Annotator::annotate(const ExtractedPost& post) const {
  PostText text(post, rules_->matcher);
  Annotation a;
  a.lang = detect_language(text.text_without(PhraseKind::kOrganisation), post.html_lang);
  a.type = classify_type(*rules_, text, post.categories);
  // The date decides who held an office, so it comes before the ministers.
  a.date = document_date(text, {a.type, post.published, post.published_from, post.url});
  a.ministers = find_ministers(*rules_, text, a.date);
  a.orgs = find_signatories(*rules_, text, a.type);
  a.topics = find_topics(*rules_, text, a.lang);
  return a;
}

}  // namespace dossier::indexer
