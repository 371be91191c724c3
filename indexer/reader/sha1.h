// sha1.h — SHA-1, only to check the WARC-Block-Digest and WARC-Payload-Digest
// fields that crawlers write (never for security). In: bytes, in pieces; out:
// the 20-byte digest, or its base32 (WARC's usual form) or hex spelling.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dossier::indexer {

class Sha1 {
 public:
  using Digest = std::array<std::uint8_t, 20>;

  Sha1();
  void update(std::string_view bytes);
  Digest finish();  // the object must not be updated afterwards

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 5> state_;
  std::array<std::uint8_t, 64> pending_;
  std::size_t pending_size_ = 0;
  std::uint64_t total_bytes_ = 0;
};

Sha1::Digest sha1(std::string_view bytes);
std::string base32_encode(const Sha1::Digest& digest);  // RFC 4648 alphabet, no padding needed
std::string hex_encode(const Sha1::Digest& digest);     // lower case

}  // namespace dossier::indexer
