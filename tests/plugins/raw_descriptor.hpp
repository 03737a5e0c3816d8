//! Helpers for the test plugins that write their descriptor by hand, as a C author would, to
//! break one rule of vanthu/plugin_abi.h on purpose.
#pragma once

#include "vanthu/plugin_abi.h"

//! A vanthu_str over a string literal.
#define VANTHU_TEST_TEXT(literal) vanthu_str{literal, sizeof(literal) - 1}
