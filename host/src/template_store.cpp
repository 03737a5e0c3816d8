#include "template_store.hpp"

#include <algorithm>

namespace vanthu::host {
namespace {

constexpr std::size_t kCacheSize = 64;

}  // namespace

bool valid_store_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::shared_ptr<const vanthu::Template> TemplateStore::compiled(const TemplateVersion& version) {
  const Key key{version.report_type, version.agency, version.version};
  {
    std::lock_guard lock(cache_mutex_);
    if (auto found = cache_.find(key); found != cache_.end()) {
      cache_order_.remove(key);
      cache_order_.push_back(key);
      return found->second;
    }
  }
  vanthu::TemplateOptions options;
  if (!version.delimiters.empty()) options.delimiters = vanthu::parse_delimiters(version.delimiters);
  std::shared_ptr<const vanthu::Template> tpl = vanthu::Template::parse(content(version), options);
  std::lock_guard lock(cache_mutex_);
  auto [found, added] = cache_.emplace(key, tpl);
  if (added) {
    cache_order_.push_back(key);
    while (cache_order_.size() > kCacheSize) {
      cache_.erase(cache_order_.front());
      cache_order_.pop_front();
    }
  }
  return found->second;
}

}  // namespace vanthu::host
