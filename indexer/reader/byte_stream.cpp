// byte_stream.cpp — plain or gzip archive bytes as one stream (see byte_stream.h).
#include "indexer/reader/byte_stream.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace dossier::indexer {
namespace {

constexpr std::size_t kInputChunk = 256 * 1024;
constexpr std::size_t kOutputChunk = 256 * 1024;
// Room is made for what arrives, not for what a (maybe hostile) length promises.
constexpr std::size_t kMaxStep = 4 * 1024 * 1024;

std::size_t step_for(std::size_t want) { return std::min(std::max(want, kOutputChunk), kMaxStep); }

bool is_gzip_magic(const char* p) {
  return static_cast<unsigned char>(p[0]) == 0x1f && static_cast<unsigned char>(p[1]) == 0x8b;
}

}  // namespace

FileInput::~FileInput() {
  if (fd_ >= 0) ::close(fd_);
}

std::size_t FileInput::read(char* buffer, std::size_t n, std::string* error) {
  for (;;) {
    ssize_t got = ::read(fd_, buffer, n);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno == EINTR) continue;
    *error = std::strerror(errno);
    return 0;
  }
}

std::uint64_t FileInput::size() const {
  struct stat st;
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return UINT64_MAX;
  return static_cast<std::uint64_t>(st.st_size);
}

bool FileInput::seek(std::uint64_t offset) {
  return ::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) == static_cast<off_t>(offset);
}

bool MemoryInput::seek(std::uint64_t offset) {
  if (offset > all_.size()) return false;
  bytes_ = all_.substr(static_cast<std::size_t>(offset));
  return true;
}

std::size_t MemoryInput::read(char* buffer, std::size_t n, std::string* /*error*/) {
  std::size_t take = std::min(n, bytes_.size());
  std::memcpy(buffer, bytes_.data(), take);
  bytes_.remove_prefix(take);
  return take;
}

ByteStream::ByteStream(std::unique_ptr<ByteInput> input)
    : input_(std::move(input)), input_buffer_(kInputChunk) {
  std::memset(&zs_, 0, sizeof zs_);
}

ByteStream::~ByteStream() {
  if (zs_ready_) inflateEnd(&zs_);
}

std::string_view ByteStream::peek(std::size_t n) {
  while (end_ - begin_ < n) {
    if (!produce(n - (end_ - begin_))) break;
  }
  return std::string_view(buffer_.data() + begin_, end_ - begin_);
}

void ByteStream::consume(std::size_t n) { begin_ += std::min(n, end_ - begin_); }

std::uint64_t ByteStream::skip(std::uint64_t n) {
  std::uint64_t skipped = 0;
  while (skipped < n) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(n - skipped, kOutputChunk));
    std::string_view v = peek(want);
    if (v.empty()) break;
    std::size_t take = std::min(v.size(), want);
    consume(take);
    skipped += take;
  }
  return skipped;
}

bool ByteStream::at_break() {
  if (begin_ == end_ && !break_pending_) produce(1);
  return break_pending_ && position() == break_position_;
}

void ByteStream::pass_break() {
  break_pending_ = false;
  break_reason_.clear();
}

bool ByteStream::at_end() { return peek(1).empty() && !break_pending_; }

void ByteStream::set_break(std::string reason, std::uint64_t file_offset) {
  break_pending_ = true;
  break_file_offset_ = file_offset;
  break_position_ = base_ + end_;
  break_reason_ = std::move(reason);
}

void ByteStream::make_room(std::size_t n) {
  if (buffer_.size() - end_ >= n) return;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    base_ += begin_;
    end_ -= begin_;
    begin_ = 0;
    while (members_.size() > 1 && members_[1].uncompressed_start <= base_) members_.pop_front();
  }
  if (buffer_.size() - end_ < n) buffer_.resize(std::max(buffer_.size() * 2, end_ + n));
}

bool ByteStream::fill_input() {
  if (input_done_) return false;
  if (in_pos_ > 0) {
    std::memmove(input_buffer_.data(), input_buffer_.data() + in_pos_, in_len_ - in_pos_);
    in_len_ -= in_pos_;
    in_pos_ = 0;
  }
  if (in_len_ == input_buffer_.size()) return true;
  std::string error;
  std::size_t got =
      input_->read(input_buffer_.data() + in_len_, input_buffer_.size() - in_len_, &error);
  if (got == 0) {
    input_done_ = true;
    if (!error.empty())
      set_break("read error at byte " + std::to_string(input_offset_) + ": " + error,
                input_offset_);
    return false;
  }
  in_len_ += got;
  input_offset_ += got;
  return true;
}

// A gzip file whose first bytes are damaged: binary bytes that are not the
// start of a WARC or ARC record, followed by a gzip member header.
bool ByteStream::starts_damaged_gzip() const {
  std::string_view head(input_buffer_.data(), in_len_);
  std::size_t i = 0;
  while (i < head.size() && (head[i] == '\r' || head[i] == '\n' || head[i] == ' ')) ++i;
  const std::string_view text = head.substr(i);
  if (text.substr(0, 5) == "WARC/" || text.substr(0, 9) == "filedesc:") return false;
  if (head.find(std::string_view("\x1f\x8b\x08", 3)) == std::string_view::npos) return false;
  const std::string_view sample = head.substr(0, 512);
  std::size_t control = 0;
  for (char c : sample) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && u != '\r' && u != '\n' && u != '\t') ++control;
  }
  return control * 20 > sample.size();
}

bool ByteStream::produce(std::size_t want) {
  if (break_pending_) return false;
  if (!sniffed_) {
    sniffed_ = true;
    while (in_len_ < 2 && fill_input()) {
    }
    if (break_pending_) return false;
    gzip_ = in_len_ >= 2 && is_gzip_magic(input_buffer_.data());
    if (!gzip_ && starts_damaged_gzip()) {
      gzip_ = true;
      state_ = GzipState::kScanning;  // reports the damaged start, then reads on
      scan_start_ = 0;
    }
    if (gzip_) {
      if (inflateInit2(&zs_, 15 + 16) != Z_OK) {
        set_break("zlib could not start", 0);
        state_ = GzipState::kDone;
        return false;
      }
      zs_ready_ = true;
    }
  }

  if (!gzip_) {
    const std::size_t room = step_for(want);
    make_room(room);
    if (in_pos_ < in_len_) {  // bytes read while sniffing
      std::size_t take = std::min(room, in_len_ - in_pos_);
      std::memcpy(buffer_.data() + end_, input_buffer_.data() + in_pos_, take);
      in_pos_ += take;
      end_ += take;
      return true;
    }
    if (input_done_) return false;
    std::string error;
    std::size_t got = input_->read(buffer_.data() + end_, room, &error);
    if (got == 0) {
      input_done_ = true;
      if (!error.empty())
        set_break("read error at byte " + std::to_string(input_offset_) + ": " + error,
                  input_offset_);
      return false;
    }
    end_ += got;
    input_offset_ += got;
    return true;
  }

  for (;;) {
    switch (state_) {
      case GzipState::kDone:
        return false;

      case GzipState::kBetweenMembers: {
        if (in_len_ - in_pos_ < 2 && !fill_input() && in_pos_ == in_len_) {
          state_ = GzipState::kDone;
          return false;
        }
        if (break_pending_) return false;
        if (in_len_ - in_pos_ >= 2 && is_gzip_magic(input_buffer_.data() + in_pos_)) {
          member_offset_ = in_file_pos();
          members_.push_back({base_ + end_, member_offset_});
          inflateReset(&zs_);
          state_ = GzipState::kInMember;
        } else {
          scan_start_ = in_file_pos();
          quiet_scan_ = false;
          state_ = GzipState::kScanning;
        }
        break;
      }

      case GzipState::kScanning: {
        // Looks for the next gzip member header (1f 8b 08).
        bool found = false;
        for (;;) {
          const char* p = input_buffer_.data();
          for (std::size_t i = in_pos_; i + 2 < in_len_; ++i) {
            if (is_gzip_magic(p + i) && p[i + 2] == 8) {
              in_pos_ = i;
              found = true;
              break;
            }
          }
          if (found) break;
          if (in_len_ - in_pos_ > 2) in_pos_ = in_len_ - 2;
          if (!fill_input()) break;
        }
        const std::uint64_t skipped = in_file_pos() - scan_start_;
        if (!found) {
          state_ = GzipState::kDone;
          if (!break_pending_ && !quiet_scan_)
            set_break(std::to_string(input_offset_ - scan_start_) + " bytes at offset " +
                          std::to_string(scan_start_) +
                          " are not gzip data (to the end of the file)",
                      scan_start_);
          return false;
        }
        state_ = GzipState::kBetweenMembers;
        if (!quiet_scan_ && skipped > 0) {
          set_break(std::to_string(skipped) + " bytes at offset " + std::to_string(scan_start_) +
                        " are not gzip data; the next member starts at offset " +
                        std::to_string(in_file_pos()),
                    scan_start_);
          return false;
        }
        break;
      }

      case GzipState::kInMember: {
        if (in_pos_ == in_len_ && !fill_input()) {
          state_ = GzipState::kDone;
          if (!break_pending_)
            set_break("the gzip member at offset " + std::to_string(member_offset_) +
                          " is cut short: the file ends at byte " + std::to_string(input_offset_),
                      member_offset_);
          return false;
        }
        make_room(step_for(want));
        const std::size_t room = std::min<std::size_t>(buffer_.size() - end_, 1u << 30);
        zs_.next_in = reinterpret_cast<Bytef*>(input_buffer_.data() + in_pos_);
        zs_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
        zs_.next_out = reinterpret_cast<Bytef*>(buffer_.data() + end_);
        zs_.avail_out = static_cast<uInt>(room);
        const int ret = inflate(&zs_, Z_NO_FLUSH);
        in_pos_ = in_len_ - zs_.avail_in;
        const std::size_t produced = room - zs_.avail_out;
        end_ += produced;
        if (ret == Z_STREAM_END) {
          state_ = GzipState::kBetweenMembers;
          if (produced > 0) return true;
          break;
        }
        if (ret == Z_OK || ret == Z_BUF_ERROR) {
          if (produced > 0) return true;
          break;
        }
        const std::string why = zs_.msg != nullptr ? zs_.msg : "zlib error " + std::to_string(ret);
        // Nothing of a corrupt member is trusted: its output (what is not consumed yet)
        // is taken back, so a record inside it is seen to be cut by the break.
        const std::uint64_t keep_to = std::max(members_.back().uncompressed_start, position());
        end_ = static_cast<std::size_t>(keep_to - base_);
        // Resume at the next member header after the start of this one, without a
        // second report: corrupt deflate data may have run on into the next member.
        if (input_->seek(member_offset_ + 1)) {
          in_pos_ = in_len_ = 0;
          input_offset_ = member_offset_ + 1;
          input_done_ = false;
        } else if (in_file_pos() <= member_offset_ && in_pos_ < in_len_) {
          ++in_pos_;
        }
        scan_start_ = in_file_pos();
        quiet_scan_ = true;
        state_ = GzipState::kScanning;
        set_break("corrupt gzip data in the member at offset " + std::to_string(member_offset_) +
                      " (" + why + ")",
                  member_offset_);
        return false;
      }
    }
  }
}

std::string ByteStream::describe(std::uint64_t position) const {
  if (!gzip_) return "offset " + std::to_string(position);
  for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
    if (it->uncompressed_start <= position) {
      if (it->uncompressed_start == position) return "offset " + std::to_string(it->file_offset);
      return "offset " + std::to_string(it->file_offset) + " (gzip member), byte " +
             std::to_string(position - it->uncompressed_start) + " in it";
    }
  }
  return "uncompressed byte " + std::to_string(position);
}

}  // namespace dossier::indexer
