// sha1.cpp — SHA-1 as FIPS 180-4 describes it (see sha1.h).
#include "indexer/reader/sha1.h"

#include <algorithm>
#include <cstring>

namespace dossier::indexer {
namespace {

constexpr std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

}  // namespace

Sha1::Sha1() : state_{0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u} {}

void Sha1::compress(const std::uint8_t* block) {
  // The message schedule is kept in a 16-word ring and extended as the rounds go.
  std::uint32_t w[16];
  for (int i = 0; i < 16; ++i) w[i] = load_be32(block + 4 * i);
  std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3], e = state_[4];
  auto schedule = [&w](int i) {
    if (i < 16) return w[i];
    const std::uint32_t x =
        rotl(w[(i + 13) & 15] ^ w[(i + 8) & 15] ^ w[(i + 2) & 15] ^ w[i & 15], 1);
    w[i & 15] = x;
    return x;
  };
  // Four loops of twenty rounds, so that no round branches on its number.
  auto round = [&](std::uint32_t f, std::uint32_t k, std::uint32_t wi) {
    const std::uint32_t t = rotl(a, 5) + f + e + k + wi;
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = t;
  };
  for (int i = 0; i < 20; ++i) round(d ^ (b & (c ^ d)), 0x5A827999u, schedule(i));
  for (int i = 20; i < 40; ++i) round(b ^ c ^ d, 0x6ED9EBA1u, schedule(i));
  for (int i = 40; i < 60; ++i) round((b & c) | (d & (b | c)), 0x8F1BBCDCu, schedule(i));
  for (int i = 60; i < 80; ++i) round(b ^ c ^ d, 0xCA62C1D6u, schedule(i));
  state_[0] += a;
  state_[1] += b;
  state_[2] += c;
  state_[3] += d;
  state_[4] += e;
}

void Sha1::update(std::string_view bytes) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
  std::size_t n = bytes.size();
  total_bytes_ += n;
  if (pending_size_ > 0) {
    std::size_t take = std::min(n, pending_.size() - pending_size_);
    std::memcpy(pending_.data() + pending_size_, p, take);
    pending_size_ += take;
    p += take;
    n -= take;
    if (pending_size_ < pending_.size()) return;
    compress(pending_.data());
    pending_size_ = 0;
  }
  for (; n >= 64; p += 64, n -= 64) compress(p);
  std::memcpy(pending_.data(), p, n);
  pending_size_ = n;
}

Sha1::Digest Sha1::finish() {
  const std::uint64_t bits = total_bytes_ * 8;
  std::uint8_t tail[72] = {0x80};
  std::size_t pad = (pending_size_ < 56 ? 56 : 120) - pending_size_;
  for (int i = 0; i < 8; ++i) tail[pad + i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
  update(std::string_view(reinterpret_cast<const char*>(tail), pad + 8));
  Digest out;
  for (int i = 0; i < 5; ++i) {
    out[4 * i] = static_cast<std::uint8_t>(state_[i] >> 24);
    out[4 * i + 1] = static_cast<std::uint8_t>(state_[i] >> 16);
    out[4 * i + 2] = static_cast<std::uint8_t>(state_[i] >> 8);
    out[4 * i + 3] = static_cast<std::uint8_t>(state_[i]);
  }
  return out;
}

Sha1::Digest sha1(std::string_view bytes) {
  Sha1 h;
  h.update(bytes);
  return h.finish();
}

std::string base32_encode(const Sha1::Digest& digest) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve(32);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : digest) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];  // 160 bits: never taken
  return out;
}

std::string hex_encode(const Sha1::Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(40);
  for (std::uint8_t byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

}  // namespace dossier::indexer
