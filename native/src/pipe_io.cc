#include "pipe_io.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#ifndef _WIN32
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#endif

namespace regie {

#ifdef _WIN32

PipeFds MakePipe(int) { throw std::runtime_error("native pipes are not supported on Windows"); }
FrameReader::FrameReader(int, size_t, std::vector<uint8_t*>) : fd_(-1), frameBytes_(0) {
  throw std::runtime_error("native pipes are not supported on Windows");
}
FrameReader::~FrameReader() {}
int FrameReader::Latch() { return -1; }
FrameReader::Stats FrameReader::GetStats() { return {}; }
void FrameReader::Close() {}
FrameWriter::FrameWriter(int) : fd_(-1) { throw std::runtime_error("native pipes are not supported on Windows"); }
FrameWriter::~FrameWriter() {}
bool FrameWriter::Write(uint32_t, const uint8_t*, size_t) { return false; }
std::vector<uint32_t> FrameWriter::TakeDone() { return {}; }
FrameWriter::Stats FrameWriter::GetStats() { return {}; }
void FrameWriter::Close() {}

#else

namespace {

constexpr useconds_t kCoalesceUs = 2000;

std::string ErrnoText(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

void SetFlags(int fd, bool nonblock) {
  fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC);
  if (nonblock) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// A self-pipe that wakes a thread blocked in poll().
void MakeWake(int wake[2]) {
  if (pipe(wake) != 0) throw std::runtime_error(ErrnoText("pipe"));
  SetFlags(wake[0], true);
  SetFlags(wake[1], true);
}

void Wake(const int wake[2]) {
  const char c = 1;
  if (wake[1] >= 0) (void)!write(wake[1], &c, 1);
}

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

PipeFds MakePipe(int capacity) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(ErrnoText("pipe"));
  SetFlags(fds[0], false);
  SetFlags(fds[1], false);
  PipeFds out{fds[0], fds[1], 0};
#ifdef F_SETPIPE_SZ
  // Unprivileged processes may not go past /proc/sys/fs/pipe-max-size (1 MiB by default): halve until accepted.
  for (int size = capacity; size >= 65536; size /= 2) {
    const int got = fcntl(fds[1], F_SETPIPE_SZ, size);
    if (got > 0) {
      out.capacity = got;
      break;
    }
  }
  if (out.capacity == 0) out.capacity = fcntl(fds[1], F_GETPIPE_SZ);
#else
  (void)capacity;
#endif
  return out;
}

// ---------------------------------------------------------------- reader

FrameReader::FrameReader(int fd, size_t frameBytes, std::vector<uint8_t*> buffers)
    : fd_(fd), frameBytes_(frameBytes), buffers_(std::move(buffers)) {
  if (buffers_.size() < 3) throw std::invalid_argument("a frame reader needs at least 3 buffers");
  MakeWake(wake_);
  SetFlags(fd_, true);
  thread_ = std::thread([this] { Loop(); });
}

FrameReader::~FrameReader() { Close(); }

void FrameReader::Close() {
  if (closed_) return;
  closed_ = true;
  Wake(wake_);
  if (thread_.joinable()) thread_.join();
  CloseFd(fd_);
  CloseFd(wake_[0]);
  CloseFd(wake_[1]);
}

int FrameReader::Latch() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (latest_ >= 0) held_ = latest_;
  return held_;
}

FrameReader::Stats FrameReader::GetStats() {
  std::lock_guard<std::mutex> lock(mutex_);
  Stats s = stats_;
  if (s.frames > 0) {
    s.msSinceFrame =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - lastFrame_).count();
  }
  return s;
}

void FrameReader::Complete() {
  std::lock_guard<std::mutex> lock(mutex_);
  latest_ = filling_;
  stats_.frames += 1;
  lastFrame_ = std::chrono::steady_clock::now();
  for (int i = 0; i < static_cast<int>(buffers_.size()); ++i) {
    if (i != latest_ && i != held_) {
      filling_ = i;
      return;
    }
  }
}

void FrameReader::Loop() {
  size_t filled = 0;
  for (;;) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    const int r = poll(fds, 2, -1);
    if (r < 0) {
      if (errno == EINTR) continue;
      std::lock_guard<std::mutex> lock(mutex_);
      stats_.error = ErrnoText("poll");
      return;
    }
    if (fds[1].revents != 0) return;  // Close()
    if (fds[0].revents == 0) continue;
    // Let the writer put more in the pipe before reading: a couple of reads per frame instead of one per
    // 32 KiB the writer puts in (fewer wakeups, less contention on the pipe's lock). Costs ≤ 2 ms latency.
    if (filled < frameBytes_) usleep(kCoalesceUs);
    // Read until the pipe is empty (or the frame is full), then poll again.
    for (;;) {
      uint8_t* dst = buffers_[filling_] + filled;  // filling_ changes only in Complete(), on this thread
      const ssize_t n = read(fd_, dst, frameBytes_ - filled);
      if (n > 0) {
        filled += static_cast<size_t>(n);
        {
          std::lock_guard<std::mutex> lock(mutex_);
          stats_.bytes += static_cast<uint64_t>(n);
        }
        if (filled == frameBytes_) {
          Complete();
          filled = 0;
        }
        continue;
      }
      if (n == 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        stats_.eof = true;
        stats_.partialAtEof = filled;
        return;
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      std::lock_guard<std::mutex> lock(mutex_);
      stats_.error = ErrnoText("read");
      return;
    }
  }
}

// ---------------------------------------------------------------- writer

FrameWriter::FrameWriter(int fd) : fd_(fd) {
  MakeWake(wake_);
  SetFlags(fd_, true);
  thread_ = std::thread([this] { Loop(); });
}

FrameWriter::~FrameWriter() { Close(); }

void FrameWriter::Close() {
  if (closed_) return;
  closed_ = true;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  Wake(wake_);
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  for (const Job& job : queue_) done_.push_back(job.id);
  queue_.clear();
  stats_.queued = 0;
  CloseFd(fd_);
  CloseFd(wake_[0]);
  CloseFd(wake_[1]);
}

bool FrameWriter::Write(uint32_t id, const uint8_t* data, size_t bytes) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || stats_.broken) return false;
    queue_.push_back({id, data, bytes});
    stats_.queued = queue_.size();
  }
  cv_.notify_one();
  return true;
}

std::vector<uint32_t> FrameWriter::TakeDone() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<uint32_t> out;
  out.swap(done_);
  return out;
}

FrameWriter::Stats FrameWriter::GetStats() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

void FrameWriter::Loop() {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();  // stays queued (and counted) until written
    }
    size_t written = 0;
    std::string error;
    while (written < job.bytes && error.empty()) {
      const ssize_t n = write(fd_, job.data + written, job.bytes - written);
      if (n > 0) {
        written += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        error = ErrnoText("write");
        break;
      }
      pollfd fds[2] = {{fd_, POLLOUT, 0}, {wake_[0], POLLIN, 0}};
      if (poll(fds, 2, -1) < 0 && errno != EINTR) error = ErrnoText("poll");
      if (fds[1].revents != 0) return;  // Close(): the job stays queued and is dropped there
      if (fds[0].revents & (POLLERR | POLLHUP)) error = "write: the reader closed the pipe";
    }
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.pop_front();
    done_.push_back(job.id);
    if (!error.empty()) {
      stats_.broken = true;
      stats_.error = error;
      for (const Job& j : queue_) done_.push_back(j.id);
      queue_.clear();
      stats_.queued = 0;
      return;
    }
    stats_.frames += 1;
    stats_.bytes += job.bytes;
    stats_.queued = queue_.size();
  }
}

#endif

}  // namespace regie
