/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define MYSQL_BINLOG_INSIDE

#include "mysql-binlog-version.h"
#include "mysql-binlog-version-macros.h"
#include "mysql-binlog-types.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-enum-types.h"
#include "mysql-binlog-event.h"
#include "mysql-binlog-position.h"
#include "mysql-binlog-position-store.h"
#include "mysql-binlog-file-position-store.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-row-batch.h"
#include "mysql-binlog-stream.h"
#include "mysql-binlog-record.h"
#include "mysql-binlog-table-model.h"

#undef MYSQL_BINLOG_INSIDE
