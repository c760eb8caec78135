#include <doctest/doctest.h>

#include "switchboard/agent.h"

using sb::AgentStatus;

TEST_SUITE("presence") {
  TEST_CASE("the agent chooses available, away with a reason, or offline") {
    sb::Presence p;
    CHECK(p.status() == AgentStatus::Offline);
    REQUIRE(p.choose("available", "", 10).ok());
    CHECK(p.status() == AgentStatus::Available);
    CHECK(p.since() == 10);
    REQUIRE(p.choose("away", "Lunch", 20).ok());
    CHECK(p.status() == AgentStatus::Away);
    CHECK(p.reason() == "Lunch");
    REQUIRE(p.choose("offline", "ignored", 30).ok());
    CHECK(p.reason().empty());
    CHECK_FALSE(p.wants_registration());
  }

  TEST_CASE("statuses that follow calls cannot be chosen, and away needs a reason") {
    sb::Presence p;
    CHECK(p.choose("busy", "", 1).error().code == "presence.not_selectable");
    CHECK(p.choose("after_call_work", "", 1).error().message ==
          "'after_call_work' follows calls and cannot be chosen; choose available, away or offline");
    CHECK(p.choose("sleeping", "", 1).error().code == "presence.unknown_status");
    CHECK(p.choose("away", "", 1).error().code == "presence.reason_required");
    CHECK(p.status() == AgentStatus::Offline);
  }

  TEST_CASE("answering makes the agent busy; hang-up starts after-call work; then back to available") {
    sb::Presence p;
    REQUIRE(p.choose("available", "", 0).ok());
    CHECK(p.accepts_calls());
    p.call_started(100);
    CHECK(p.status() == AgentStatus::Busy);
    CHECK_FALSE(p.accepts_calls());
    p.calls_over(true, 30100, 100);
    CHECK(p.status() == AgentStatus::AfterCallWork);
    CHECK(p.acw_until() == 30100);
    CHECK_FALSE(p.accepts_calls());
    p.wrap_up_done(30100);
    CHECK(p.status() == AgentStatus::Available);
    CHECK(p.acw_until() == 0);
  }

  TEST_CASE("a choice made during a call waits until the work is over") {
    sb::Presence p;
    REQUIRE(p.choose("available", "", 0).ok());
    p.call_started(1);
    REQUIRE(p.choose("away", "Break", 2).ok());
    CHECK(p.status() == AgentStatus::Busy);
    CHECK(p.to_json()["next"] == "away");
    p.calls_over(true, 100, 3);
    CHECK(p.status() == AgentStatus::AfterCallWork);
    p.wrap_up_done(4);
    CHECK(p.status() == AgentStatus::Away);
    CHECK(p.reason() == "Break");
    CHECK_FALSE(p.to_json().contains("next"));
  }

  TEST_CASE("without wrap-up the agent returns to their choice at once; an away agent may place a call") {
    sb::Presence p;
    REQUIRE(p.choose("away", "Meeting", 0).ok());
    p.call_started(1);
    CHECK(p.status() == AgentStatus::Busy);
    CHECK(p.wants_registration());
    p.calls_over(false, 0, 2);
    CHECK(p.status() == AgentStatus::Away);
  }

  TEST_CASE("going offline during a call keeps the line until the call is over") {
    sb::Presence p;
    REQUIRE(p.choose("available", "", 0).ok());
    p.call_started(1);
    REQUIRE(p.choose("offline", "", 2).ok());
    CHECK(p.wants_registration());
    p.calls_over(false, 0, 3);
    CHECK(p.status() == AgentStatus::Offline);
    CHECK_FALSE(p.wants_registration());
  }
}
