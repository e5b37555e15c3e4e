// Moving raw frames between ffmpeg processes and the compositor without the Node event loop: a reader
// thread per source pipe that reads whole frames into a small ring of caller-owned buffers, and a
// writer thread per encoder pipe that writes queued frames. POSIX only (pipes, poll); nothing here
// knows about N-API: io_addon.cc wraps these classes.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace regie {

// A new pipe {read end, write end}, both close-on-exec, capacity raised towards `capacity` bytes where
// the system allows it (Linux F_SETPIPE_SZ). Throws std::runtime_error.
struct PipeFds {
  int read = -1;
  int write = -1;
  int capacity = 0;  // the capacity obtained (0 where unknown)
};
PipeFds MakePipe(int capacity);

// Reads frames of `frameBytes` from `fd` into `buffers` (at least 3), newest complete frame kept for the
// consumer. Owns fd (closed by Close or the destructor). The consumer latches the newest frame; the
// thread never writes into the latched one or the newest complete one.
class FrameReader {
 public:
  FrameReader(int fd, size_t frameBytes, std::vector<uint8_t*> buffers);
  ~FrameReader();
  FrameReader(const FrameReader&) = delete;
  FrameReader& operator=(const FrameReader&) = delete;

  // Latches the newest complete frame (releasing the previously latched one): its index, or -1 if no
  // frame has completed yet.
  int Latch();

  struct Stats {
    uint64_t frames = 0;
    uint64_t bytes = 0;
    double msSinceFrame = -1;  // -1 before the first frame
    bool eof = false;          // the writer closed the pipe (a partial frame at EOF is discarded)
    size_t partialAtEof = 0;   // bytes of the incomplete frame discarded at EOF
    std::string error;         // a read error, empty if none
  };
  Stats GetStats();

  // Stops the thread and closes the fd. Idempotent.
  void Close();

 private:
  void Loop();
  void Complete();

  int fd_;
  const size_t frameBytes_;
  const std::vector<uint8_t*> buffers_;
  int wake_[2] = {-1, -1};
  std::mutex mutex_;
  int filling_ = 0;
  int latest_ = -1;
  int held_ = -1;
  Stats stats_;
  std::chrono::steady_clock::time_point lastFrame_;
  std::thread thread_;
  bool closed_ = false;
};

// Writes queued buffers to `fd` in order. Owns fd. A write error (the reader went away) drops the queue
// and every later write; the buffers are then reported as done.
class FrameWriter {
 public:
  explicit FrameWriter(int fd);
  ~FrameWriter();
  FrameWriter(const FrameWriter&) = delete;
  FrameWriter& operator=(const FrameWriter&) = delete;

  // Queues `bytes` at `data` under `id`; false (nothing queued) when the writer is broken or closed.
  bool Write(uint32_t id, const uint8_t* data, size_t bytes);
  // Ids written (or dropped) since the last call, in order.
  std::vector<uint32_t> TakeDone();

  struct Stats {
    uint64_t frames = 0;
    uint64_t bytes = 0;
    size_t queued = 0;
    bool broken = false;
    std::string error;
  };
  Stats GetStats();

  // Stops the thread (the queue is dropped, its ids become done) and closes the fd. Idempotent.
  void Close();

 private:
  struct Job {
    uint32_t id;
    const uint8_t* data;
    size_t bytes;
  };
  void Loop();

  int fd_;
  int wake_[2] = {-1, -1};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  std::vector<uint32_t> done_;
  Stats stats_;
  bool stopping_ = false;
  bool closed_ = false;
  std::thread thread_;
};

}  // namespace regie
