// Errors as values. The core never throws: every fallible operation returns Result<T>, whose error
// carries a stable code (pinned by tests, e.g. "phone.invalid") and a message naming what was wrong.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace sb {

struct Error {
  std::string code;
  std::string message;
  bool operator==(const Error&) const = default;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}       // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}                                       // NOLINT(google-explicit-constructor)
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

// Out of line: there are many call sites, most with literal text.
Error make_error(std::string_view code, std::string_view message);
Error make_error(std::string_view code, std::string&& message);
inline Error make_error(std::string_view code, const char* message) { return make_error(code, std::string_view(message)); }
inline Error make_error(std::string_view code, const std::string& message) {
  return make_error(code, std::string_view(message));
}

}  // namespace sb
