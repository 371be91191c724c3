// fuzz_warc.cpp — libFuzzer target for the WARC/ARC reader: any bytes, plain or
// gzip, must give records and SourceErrors, never a crash, a hang or an
// allocation of what a hostile Content-Length promises. Each record is also
// decoded to UTF-8, as the indexer does next.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/reader/charset.h"
#include "indexer/reader/warc.h"

using namespace dossier::indexer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ReadLimits limits;
  limits.max_page_bytes = 1u << 20;  // keeps the fuzzer's memory small; the logic is the same
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  read_archive_bytes(
      bytes, "fuzz.warc",
      [&](RawRecord&& r) {
        if (r.body.size() > limits.max_page_bytes) __builtin_trap();  // the limit holds
        if (!r.body.empty() && !looks_binary(r.body)) {
          DecodedPage page = decode_page(std::move(r));
          if (!is_valid_utf8(page.html)) __builtin_trap();
        }
      },
      [](SourceError&& e) {
        if (e.where.rfind("fuzz.warc", 0) != 0) __builtin_trap();  // errors name the archive
      },
      limits);
  return 0;
}
