// The io_context behind an IoLoop, for net/*.cpp files only (keeps Asio out of public headers).
// Thread-safety: as io_context.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "net/io_loop.h"

namespace bgt::net {

class IoLoop::Impl {
 public:
  Impl() : work_(boost::asio::make_work_guard(ioc_)) {}
  boost::asio::io_context& ioc() { return ioc_; }

 private:
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
};

}  // namespace bgt::net
