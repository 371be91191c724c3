// byte_stream.h — an archive file as one stream of uncompressed bytes, whether
// it is plain or gzip (one member per record, one big member, or a mix). In: a
// file descriptor or bytes in memory. Out: windows of bytes the record reader
// peeks at and consumes, the file offset of any uncompressed position (the
// offset of its gzip member), and "breaks": places where the data is not
// continuous (corrupt gzip data, garbage between members, a member cut short,
// a read error), each with the reason, so that a record spanning one is known
// to be damaged. Memory stays bounded by what the caller peeks at once.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::indexer {

// Where the compressed or plain bytes come from.
class ByteInput {
 public:
  virtual ~ByteInput() = default;
  // Reads up to n bytes; 0 at the end of the data or on error (then *error is set).
  virtual std::size_t read(char* buffer, std::size_t n, std::string* error) = 0;
  // The total size when known (a regular file, memory), else UINT64_MAX.
  virtual std::uint64_t size() const = 0;
  // Moves to a byte offset; false when the input cannot do it.
  virtual bool seek(std::uint64_t offset) = 0;
};

// Reads a file descriptor it owns (closed on destruction). Plain read(2), not
// mmap: a file that shrinks under a cron job must give an error, not SIGBUS.
class FileInput : public ByteInput {
 public:
  explicit FileInput(int fd) : fd_(fd) {}
  ~FileInput() override;
  FileInput(const FileInput&) = delete;
  FileInput& operator=(const FileInput&) = delete;
  std::size_t read(char* buffer, std::size_t n, std::string* error) override;
  std::uint64_t size() const override;
  bool seek(std::uint64_t offset) override;

 private:
  int fd_;
};

// Reads bytes the caller keeps alive (tests, fuzzing).
class MemoryInput : public ByteInput {
 public:
  explicit MemoryInput(std::string_view bytes) : all_(bytes) {}
  std::size_t read(char* buffer, std::size_t n, std::string* error) override;
  std::uint64_t size() const override { return all_.size(); }
  bool seek(std::uint64_t offset) override;

 private:
  std::string_view all_;
  std::string_view bytes_ = all_;
};

class ByteStream {
 public:
  explicit ByteStream(std::unique_ptr<ByteInput> input);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // The bytes from the read position on: at least n of them unless the end of
  // the data or a break comes first (then fewer). May return more than n. The
  // view lasts until the next call to peek, consume or skip.
  std::string_view peek(std::size_t n);
  // Drops n bytes (n <= what peek returned).
  void consume(std::size_t n);
  // Drops up to n bytes without holding them in memory; returns how many.
  std::uint64_t skip(std::uint64_t n);

  std::uint64_t position() const { return base_ + begin_; }  // uncompressed offset
  bool gzip() const { return gzip_; }

  // True when the read position has reached a break; peek returns nothing
  // until pass_break() is called.
  bool at_break();
  bool break_ahead() const { return break_pending_; }  // a break lies somewhere ahead
  const std::string& break_reason() const { return break_reason_; }
  std::uint64_t break_file_offset() const { return break_file_offset_; }  // where the damage is
  void pass_break();
  // True when all data has been read (no break pending).
  bool at_end();

  // "offset N" for an uncompressed position: N is the file offset for plain
  // input; for gzip input the offset of the member the position lies in, with
  // the byte within the member when the position is not the member's start.
  std::string describe(std::uint64_t position) const;
  std::uint64_t file_size() const { return input_->size(); }

 private:
  enum class GzipState { kBetweenMembers, kInMember, kScanning, kDone };
  struct Member {
    std::uint64_t uncompressed_start;
    std::uint64_t file_offset;
  };

  bool produce(std::size_t want);  // adds bytes at the end; false when nothing more can come
  bool fill_input();               // more compressed bytes; false at end of input
  bool starts_damaged_gzip() const;
  void set_break(std::string reason, std::uint64_t file_offset);
  void make_room(std::size_t n);

  std::unique_ptr<ByteInput> input_;
  bool gzip_ = false;
  bool sniffed_ = false;
  bool input_done_ = false;

  // Uncompressed bytes held: buffer_[begin_, end_) are at stream offsets base_ + begin_ ...
  std::string buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::uint64_t base_ = 0;

  // Compressed input window: input_buffer_[in_pos_, in_len_), in_pos_ at file offset in_file_pos().
  std::vector<char> input_buffer_;
  std::size_t in_pos_ = 0;
  std::size_t in_len_ = 0;
  std::uint64_t input_offset_ = 0;  // file offset just after input_buffer_[in_len_ - 1]
  std::uint64_t in_file_pos() const { return input_offset_ - (in_len_ - in_pos_); }

  z_stream zs_;
  bool zs_ready_ = false;
  GzipState state_ = GzipState::kBetweenMembers;
  std::uint64_t member_offset_ = 0;
  std::uint64_t scan_start_ = 0;
  bool quiet_scan_ = false;  // scanning past corrupt data already reported
  std::deque<Member> members_;

  bool break_pending_ = false;
  std::uint64_t break_position_ = 0;
  std::string break_reason_;
  std::uint64_t break_file_offset_ = 0;
};

}  // namespace dossier::indexer
