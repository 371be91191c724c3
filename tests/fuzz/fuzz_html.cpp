// fuzz_html.cpp — libFuzzer target for the HTML → documents path: the bytes of
// one fetched page go through decode (charset), the Gumbo-based extract stage,
// the annotator and the Xapian term generation, exactly as a worker of
// `dossier-index build` runs them (UnitProcessor::make_version). The first
// byte, when below 8, picks the Content-Type the "server" sent, so the
// charset paths are reached too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "indexer/extract/extract.h"
#include "indexer/process.h"
#include "indexer/reader/charset.h"
#include "schema/gazetteer.h"

using namespace dossier::indexer;

namespace {

struct Pipeline {
  dossier::schema::Gazetteers gazetteers =
      dossier::schema::Gazetteers::load(dossier::schema::Gazetteers::default_dir());
  UnitProcessor processor{gazetteers, ProcessOptions{}};
};

Pipeline& pipeline() {
  static Pipeline p;
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* kContentTypes[] = {"", "text/html", "text/html; charset=utf-8",
                                        "text/html; charset=windows-1252", "text/html; charset=utf-16le",
                                        "text/html; charset=shift_jis", "application/xhtml+xml",
                                        "text/html; charset=\"bogus\""};
  Pipeline& p = pipeline();
  RawRecord rec;
  // A first byte below 8 picks the Content-Type; otherwise the input is the page
  // as it is (so that real pages are seeds as they are).
  if (size > 0 && data[0] < 8) {
    rec.content_type = kContentTypes[data[0]];
    rec.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  } else {
    rec.body.assign(reinterpret_cast<const char*>(data), size);
  }
  rec.url = "https://example.org/news/2018/08/14/a-letter/";
  rec.source = "fuzz";
  rec.location = "fuzz";
  rec.captured = "2018-08-14T09:30:00Z";
  if (looks_binary(rec.body)) return 0;  // the reader skips these before decoding
  DecodedPage page = decode_page(std::move(rec));
  if (!is_valid_utf8(page.html)) __builtin_trap();  // decode_page promises valid UTF-8
  ExtractedPage extracted = extract_page(page);
  for (const auto& post : extracted.posts) {
    PostVersion v = p.processor.make_version(post, extracted, page, "fuzz");
    if (v.doc.id.empty()) __builtin_trap();
  }
  return 0;
}
