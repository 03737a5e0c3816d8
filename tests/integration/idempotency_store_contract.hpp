//! What every IdempotencyStore backend must do with time (host/src/idempotency/idempotency_store.hpp),
//! checked on a real store with explicit clocks: a claim left running past kAbandonedAfter (its
//! process died) is taken over once, the takeover is stamped so a second retry waits again, an
//! answer is kept kKeptFor from when it was kept, and then forgotten. idempotency_test.cpp runs it on SQLite, postgres_test.cpp on a real
//! PostgreSQL server.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "idempotency/idempotency_store.hpp"

namespace vanthu::test {

inline void expect_idempotency_store_rules(host::IdempotencyStore& store, const std::string& owner) {
  using Store = host::IdempotencyStore;
  using Status = Store::Claim::Status;
  using std::chrono::seconds;
  // A fixed clock long past (2000-01-01 00:00:00 UTC): the rows it writes are older than any
  // real one, so the purges it causes never touch a key of another test on the same database.
  const Store::Time t0 = Store::Time{} + seconds(946'684'800);
  const std::string body = "sha256-of-the-request", other = "sha256-of-another-request";

  // A new key is claimed; while it runs, a retry is told so, however often it comes.
  EXPECT_EQ(store.claim(owner, "k1", body, t0).status, Status::claimed);
  EXPECT_EQ(store.claim(owner, "k1", body, t0 + seconds(1)).status, Status::in_progress);
  EXPECT_EQ(store.claim(owner, "k1", body, t0 + Store::kAbandonedAfter - seconds(1)).status, Status::in_progress);
  EXPECT_EQ(store.claim(owner, "k1", other, t0 + seconds(2)).status, Status::other_body);

  // Its process died: past kAbandonedAfter the next retry takes it over, and only that one.
  const Store::Time taken = t0 + Store::kAbandonedAfter + seconds(1);
  EXPECT_EQ(store.claim(owner, "k1", body, taken).status, Status::claimed) << "abandoned: run again";
  EXPECT_EQ(store.claim(owner, "k1", body, taken + seconds(1)).status, Status::in_progress)
      << "the takeover is stamped: a second retry waits for it";
  EXPECT_EQ(store.claim(owner, "k1", other, taken + Store::kAbandonedAfter * 2).status, Status::other_body)
      << "an abandoned key is still that request's";

  // The takeover's answer (an hour later: a slow PDF) is the one kept and replayed.
  const Store::Time kept = taken + std::chrono::hours(1);
  store.keep(owner, "k1", {201, {{"Content-Type", "application/json"}, {"Location", "/v1/documents/d1"}}, "{\"id\":\"d1\"}"},
             kept);
  Store::Claim replay = store.claim(owner, "k1", body, kept + seconds(1));
  ASSERT_EQ(replay.status, Status::replay);
  EXPECT_EQ(replay.answer.status, 201);
  EXPECT_EQ(replay.answer.body, "{\"id\":\"d1\"}");
  ASSERT_EQ(replay.answer.headers.size(), 2u);
  EXPECT_EQ(replay.answer.headers[1].second, "/v1/documents/d1");
  EXPECT_EQ(store.claim(owner, "k1", body, kept + Store::kAbandonedAfter * 3).status, Status::replay)
      << "an answered key is never abandoned";

  // A released claim (its answer was not final) is claimed again at once.
  EXPECT_EQ(store.claim(owner, "k2", body, t0).status, Status::claimed);
  store.release(owner, "k2");
  EXPECT_EQ(store.claim(owner, "k2", body, t0 + seconds(1)).status, Status::claimed);

  // Another caller's key of the same name is its own.
  EXPECT_EQ(store.claim(owner + "-other", "k1", other, taken + seconds(5)).status, Status::claimed);

  // Kept kKeptFor from when it was kept (not from the first claim)...
  EXPECT_EQ(store.claim(owner, "k1", body, taken + Store::kKeptFor + std::chrono::minutes(2)).status, Status::replay);
  EXPECT_EQ(store.claim(owner, "k1", body, kept + Store::kKeptFor - std::chrono::minutes(1)).status, Status::replay);
  // ...then gone: the same request runs again, a new one may use the key.
  EXPECT_EQ(store.claim(owner, "k1", other, kept + Store::kKeptFor + std::chrono::minutes(2)).status, Status::claimed);
}

}  // namespace vanthu::test
