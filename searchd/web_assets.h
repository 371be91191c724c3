// web_assets.h — the files of searchd/web, built into the binary by embed_web.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace dossier::searchd {

struct WebAsset {
  std::string_view path;  // "/index.html", "/app.js", ...
  std::string_view bytes;
};
const std::vector<WebAsset>& web_assets();

}  // namespace dossier::searchd
