#include <doctest/doctest.h>

#include "engine/io.h"

TEST_SUITE("io") {
  TEST_CASE("an effect built field by field is emitted on send, with its type") {
    sb::Io io;
    auto fx = io.effect("media.update");
    fx.text("session", "c1").text("direction", "sendonly");
    CHECK(io.pending().empty());
    fx.text("remote_sdp", "v=0");
    fx.send();
    REQUIRE(io.pending().size() == 1);
    CHECK(sb::dump_json(io.pending()[0]) ==
          R"({"direction":"sendonly","remote_sdp":"v=0","session":"c1","type":"media.update"})");
  }

  TEST_CASE("timers, logs and errors keep their effect shapes") {
    sb::Io io;
    io.set_timer("sip.t1", -3);
    CHECK(io.timer_active("sip.t1"));
    io.cancel_timer("sip.t1");
    io.cancel_timer("sip.t1");  // not live any more: nothing emitted
    io.log("warn", "careful");
    io.log("info", "with context", {{"n", 1}});
    io.error("call.no_such_call", "there is no current call");
    io.error("call.no_such_call", "there is no current call", "ui.answer");
    io.emit("store.load", sb::Json::object());
    CHECK(sb::dump_json(io.take()) ==
          R"([{"id":"sip.t1","ms":0,"type":"timer.set"},{"id":"sip.t1","type":"timer.cancel"},)"
          R"({"level":"warn","msg":"careful","type":"log"},)"
          R"({"ctx":{"n":1},"level":"info","msg":"with context","type":"log"},)"
          R"({"code":"call.no_such_call","message":"there is no current call","type":"error"},)"
          R"({"code":"call.no_such_call","event":"ui.answer","message":"there is no current call","type":"error"},)"
          R"({"type":"store.load"}])");
    CHECK(io.pending().empty());
  }
}
