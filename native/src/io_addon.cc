// N-API face of pipe_io: makePipe(), FrameReader and FrameWriter. The buffers handed to native threads
// are kept referenced here (on the JS thread) for as long as a thread may touch them.
#include "io_addon.h"

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "args.h"
#include "pipe_io.h"

#ifdef _WIN32
#include <io.h>
#define REGIE_CLOSE _close
#else
#include <sys/mman.h>
#include <unistd.h>
#define REGIE_CLOSE ::close
#endif

namespace regie {
namespace {

int ParseFd(Napi::Env env, Napi::Value v, const std::string& name) {
  const double d = ParseNumber(env, v, name);
  if (d < 0 || d > 1 << 30 || d != static_cast<int>(d)) ThrowRange(env, name + " must be a file descriptor");
  return static_cast<int>(d);
}

Napi::Uint8Array ExpectBytes(Napi::Env env, Napi::Value v, const std::string& name, size_t atLeast) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    ThrowType(env, name + " must be a Buffer or Uint8Array");
  }
  Napi::Uint8Array a = v.As<Napi::Uint8Array>();
  if (a.ByteLength() < atLeast) {
    ThrowRange(env, name + " holds " + std::to_string(a.ByteLength()) + " bytes, " + std::to_string(atLeast) +
                        " needed");
  }
  return a;
}

Napi::Value MakePipeJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double capacity = info[0].IsUndefined() ? 1 << 20 : ParseNumber(env, info[0], "makePipe: capacity");
  PipeFds fds;
  try {
    fds = MakePipe(static_cast<int>(capacity));
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, e.what());
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("read", fds.read);
  out.Set("write", fds.write);
  out.Set("capacity", fds.capacity);
  return out;
}

// allocHugeBuffer(bytes): a Buffer on memory aligned to 2 MiB and advised for transparent huge pages
// (fewer TLB misses when a thread streams whole frames through it); a plain Buffer where unsupported.
Napi::Value AllocHugeBufferJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double bytes = ParseNumber(env, info[0], "allocHugeBuffer: bytes");
  if (bytes < 1 || bytes > 1e9) ThrowRange(env, "allocHugeBuffer: bytes must be in [1, 1e9]");
#ifdef __linux__
  constexpr size_t kHuge = 2 << 20;
  const size_t size = (static_cast<size_t>(bytes) + kHuge - 1) / kHuge * kHuge;
  void* mem = nullptr;
  if (posix_memalign(&mem, kHuge, size) == 0) {
    madvise(mem, size, MADV_HUGEPAGE);
    return Napi::Buffer<uint8_t>::New(env, static_cast<uint8_t*>(mem), static_cast<size_t>(bytes),
                                      [](Napi::Env, uint8_t* p) { free(p); });
  }
#endif
  return Napi::Buffer<uint8_t>::New(env, static_cast<size_t>(bytes));
}

class FrameReaderJs : public Napi::ObjectWrap<FrameReaderJs> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "FrameReader",
                       {InstanceMethod("latch", &FrameReaderJs::Latch),
                        InstanceMethod("stats", &FrameReaderJs::Stats),
                        InstanceMethod("close", &FrameReaderJs::Close)});
  }

  // new FrameReader(fd, frameBytes, buffers): takes ownership of fd at once (closed even if this throws).
  explicit FrameReaderJs(const Napi::CallbackInfo& info) : Napi::ObjectWrap<FrameReaderJs>(info) {
    Napi::Env env = info.Env();
    const int fd = ParseFd(env, info[0], "FrameReader: fd");
    try {
      const double frameBytes = ParseNumber(env, info[1], "FrameReader: frameBytes");
      if (frameBytes < 1 || frameBytes != static_cast<double>(static_cast<size_t>(frameBytes))) {
        ThrowRange(env, "FrameReader: frameBytes must be a positive integer");
      }
      if (!info[2].IsArray()) ThrowType(env, "FrameReader: buffers must be an array");
      const Napi::Array list = info[2].As<Napi::Array>();
      if (list.Length() < 3) ThrowRange(env, "FrameReader: at least 3 buffers are needed");
      std::vector<uint8_t*> ptrs;
      for (uint32_t i = 0; i < list.Length(); ++i) {
        Napi::Uint8Array a = ExpectBytes(env, list.Get(i), "FrameReader: buffers[" + std::to_string(i) + "]",
                                         static_cast<size_t>(frameBytes));
        refs_.push_back(Napi::Persistent(a));
        ptrs.push_back(a.Data());
      }
      reader_ = std::make_unique<FrameReader>(fd, static_cast<size_t>(frameBytes), std::move(ptrs));
    } catch (const Napi::Error&) {
      if (!reader_) REGIE_CLOSE(fd);
      throw;
    } catch (const std::exception& e) {
      if (!reader_) REGIE_CLOSE(fd);
      throw Napi::Error::New(env, e.what());
    }
  }

  ~FrameReaderJs() override {
    if (reader_) reader_->Close();  // before refs_ go: the thread may still write into a buffer
  }

 private:
  Napi::Value Latch(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), reader_ ? reader_->Latch() : -1);
  }

  Napi::Value Stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object o = Napi::Object::New(env);
    const FrameReader::Stats s = reader_ ? reader_->GetStats() : FrameReader::Stats{};
    o.Set("frames", static_cast<double>(s.frames));
    o.Set("bytes", static_cast<double>(s.bytes));
    o.Set("msSinceFrame", s.msSinceFrame);
    o.Set("eof", s.eof);
    o.Set("partialAtEof", static_cast<double>(s.partialAtEof));
    o.Set("error", s.error.empty() ? env.Null() : Napi::String::New(env, s.error));
    o.Set("closed", !reader_);
    return o;
  }

  Napi::Value Close(const Napi::CallbackInfo& info) {
    if (reader_) reader_->Close();
    reader_.reset();
    refs_.clear();
    return info.Env().Undefined();
  }

  std::vector<Napi::Reference<Napi::Uint8Array>> refs_;
  std::unique_ptr<FrameReader> reader_;
};

class FrameWriterJs : public Napi::ObjectWrap<FrameWriterJs> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "FrameWriter",
                       {InstanceMethod("write", &FrameWriterJs::Write),
                        InstanceMethod("takeDone", &FrameWriterJs::TakeDone),
                        InstanceMethod("stats", &FrameWriterJs::Stats),
                        InstanceMethod("close", &FrameWriterJs::Close)});
  }

  // new FrameWriter(fd): takes ownership of fd.
  explicit FrameWriterJs(const Napi::CallbackInfo& info) : Napi::ObjectWrap<FrameWriterJs>(info) {
    Napi::Env env = info.Env();
    const int fd = ParseFd(env, info[0], "FrameWriter: fd");
    try {
      writer_ = std::make_unique<FrameWriter>(fd);
    } catch (const std::exception& e) {
      REGIE_CLOSE(fd);
      throw Napi::Error::New(env, e.what());
    }
  }

  ~FrameWriterJs() override {
    if (writer_) writer_->Close();  // before refs_ go: the thread may still read a buffer
  }

 private:
  // write(bytes, id): queues the bytes (kept referenced until takeDone() returns id); false if broken/closed.
  Napi::Value Write(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Uint8Array data = ExpectBytes(env, info[0], "FrameWriter.write: data", 0);
    const double id = ParseNumber(env, info[1], "FrameWriter.write: id");
    if (id < 0 || id > 4294967295.0 || id != static_cast<double>(static_cast<uint32_t>(id))) {
      ThrowRange(env, "FrameWriter.write: id must be a 32-bit unsigned integer");
    }
    const uint32_t key = static_cast<uint32_t>(id);
    if (!writer_ || refs_.count(key) != 0) return Napi::Boolean::New(env, false);
    refs_.emplace(key, Napi::Persistent(data));
    if (!writer_->Write(key, data.Data(), data.ByteLength())) {
      refs_.erase(key);
      return Napi::Boolean::New(env, false);
    }
    return Napi::Boolean::New(env, true);
  }

  Napi::Value TakeDone(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const std::vector<uint32_t> done = writer_ ? writer_->TakeDone() : std::vector<uint32_t>{};
    Napi::Array out = Napi::Array::New(env, done.size());
    for (size_t i = 0; i < done.size(); ++i) {
      refs_.erase(done[i]);
      out.Set(static_cast<uint32_t>(i), static_cast<double>(done[i]));
    }
    return out;
  }

  Napi::Value Stats(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object o = Napi::Object::New(env);
    const FrameWriter::Stats s = writer_ ? writer_->GetStats() : FrameWriter::Stats{};
    o.Set("frames", static_cast<double>(s.frames));
    o.Set("bytes", static_cast<double>(s.bytes));
    o.Set("queued", static_cast<double>(s.queued));
    o.Set("broken", s.broken);
    o.Set("error", s.error.empty() ? env.Null() : Napi::String::New(env, s.error));
    o.Set("closed", !writer_);
    return o;
  }

  // close(): stops the thread, drops the queue, closes the fd; returns the ids still outstanding.
  Napi::Value Close(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    std::vector<uint32_t> left;
    if (writer_) {
      writer_->Close();
      left = writer_->TakeDone();
    }
    writer_.reset();
    Napi::Array out = Napi::Array::New(env, left.size());
    for (size_t i = 0; i < left.size(); ++i) out.Set(static_cast<uint32_t>(i), static_cast<double>(left[i]));
    refs_.clear();
    return out;
  }

  std::unordered_map<uint32_t, Napi::Reference<Napi::Uint8Array>> refs_;
  std::unique_ptr<FrameWriter> writer_;
};

}  // namespace

void InitIo(Napi::Env env, Napi::Object exports) {
  exports.Set("makePipe", Napi::Function::New(env, MakePipeJs, "makePipe"));
  exports.Set("allocHugeBuffer", Napi::Function::New(env, AllocHugeBufferJs, "allocHugeBuffer"));
  exports.Set("FrameReader", FrameReaderJs::Define(env));
  exports.Set("FrameWriter", FrameWriterJs::Define(env));
}

}  // namespace regie
