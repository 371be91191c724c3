// content_hash.h — a fast 64-bit hash of file contents, used by incremental
// builds to tell a changed source from an unchanged one even when its size and
// mtime were kept (rsync -t, an unpacked archive). Not cryptographic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dossier::indexer {

std::uint64_t content_hash(std::string_view bytes);
std::string content_hash_hex(std::string_view bytes);

}  // namespace dossier::indexer
