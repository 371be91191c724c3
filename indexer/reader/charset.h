// charset.h — turns a page's bytes into UTF-8. In: a RawRecord (the body and
// the HTTP Content-Type). Out: a DecodedPage whose html is valid UTF-8, with the
// charset it was read as and where that came from.
//
// Order: a byte order mark; the HTTP Content-Type charset; <meta charset> or
// <meta http-equiv=Content-Type> (or an <?xml encoding?> declaration) in the
// first 4 KB; then the bytes themselves: valid UTF-8 is UTF-8, else ICU's
// detector, else windows-1252. Labels are read as browsers read them:
// "iso-8859-1", "latin1" and "us-ascii" mean windows-1252.
//
// When a declaration and the bytes disagree, the bytes win where they are
// unambiguous:
//  - declared UTF-8 but mostly invalid UTF-8 (more invalid sequences than valid
//    multi-byte ones): a Latin-1 page behind a wrong template; read as
//    windows-1252, charset_from "detected". A page with only a few bad bytes
//    stays UTF-8, each bad sequence becoming U+FFFD.
//  - declared a legacy charset but valid UTF-8 with multi-byte sequences:
//    read as UTF-8 ("detected"); legacy text is practically never valid UTF-8.
// Conversion never fails: bytes that do not decode become U+FFFD.
#pragma once

#include <string>
#include <string_view>

#include "indexer/reader/record.h"

namespace dossier::indexer {

DecodedPage decode_page(const RawRecord& record);
DecodedPage decode_page(RawRecord&& record);  // reuses the body when it is already UTF-8

// Binary data rather than text: a known file signature (PDF, PNG, JPEG, GIF,
// ZIP, gzip, ...) or more than 5% control characters (NUL included) in the
// first KB. UTF-16 text (with or without a BOM) is not binary.
bool looks_binary(std::string_view bytes);

bool is_valid_utf8(std::string_view bytes);

// The charset parameter of a Content-Type ("text/html; charset=UTF-8" ->
// "UTF-8"), as written; "" when there is none.
std::string charset_from_content_type(std::string_view content_type);

// The charset declared by <meta> (or <?xml encoding?>) in the first 4 KB, as
// written; "" when there is none.
std::string meta_charset(std::string_view html);

// The charset name to decode a label with ("latin1" -> "windows-1252",
// "UTF8" -> "utf-8", "Shift_JIS" -> "shift_jis"); "" when ICU has no converter.
std::string canonical_charset(std::string_view label);

// Converts bytes in `charset` (a canonical_charset name) to UTF-8, bytes that do
// not decode becoming U+FFFD. An unknown charset is read as windows-1252.
std::string to_utf8(std::string_view bytes, const std::string& charset);

}  // namespace dossier::indexer
