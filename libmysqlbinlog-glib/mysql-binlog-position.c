/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "mysql-binlog-position.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-gtid-private.h"
#include "mysql-binlog-position-private.h"

/**
 * MysqlBinlogPosition:
 *
 * A point in a server's binary log that a stream can start or resume from.
 *
 * A position names a binary log file and a byte offset in it
 * (`mariadb-bin.000003:1234`), a set of global transaction identifiers
 * (`0-1-42` on MariaDB, `3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5` on
 * MySQL), or both.  Positions are immutable and reference counted, so they
 * can be kept and handed between threads freely.
 *
 * The string form, as [method@MysqlBinlog.Position.to_string] writes it and
 * [func@MysqlBinlog.Position.from_string] reads it, is `FILE:OFFSET`,
 * `gtid:SET`, or `FILE:OFFSET gtid:SET`.  A position saved while a stream
 * reads the existing rows of tables (see
 * [property@MysqlBinlog.Stream:snapshot]) also carries how far that read
 * got, as a last part `snapshot:PROGRESS`.
 *
 * GTID sets are kept in a canonical form: a MariaDB GTID list has one
 * `domain-server-sequence` per replication domain, in increasing domain
 * order; a MySQL GTID set lists each source UUID once, in lowercase, with
 * merged intervals, untagged transactions first and tagged ones (MySQL
 * 8.4, `uuid:tag:1-3`) after.  [method@MysqlBinlog.Position.add_gtid_set]
 * and [method@MysqlBinlog.Position.contains_gtid_set] compute with them.
 *
 * ```c
 * g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_new ("mariadb-bin.000001", 4);
 * g_object_set (stream, "start-position", start, NULL);
 * ```
 *
 * Since: 1.0
 */

struct _MysqlBinlogPosition
{
  gatomicrefcount ref_count;
  char *file;
  char *gtid_set;
  guint64 offset;
  char *snapshot;   /* the progress of a snapshot, or NULL */
  GBytes *schema;   /* the table definitions in force here, or NULL */
};

G_DEFINE_BOXED_TYPE (MysqlBinlogPosition, mysql_binlog_position,
                     mysql_binlog_position_ref, mysql_binlog_position_unref)

/**
 * mysql_binlog_position_new_full:
 * @file: (nullable): the name of a binary log file, without directory
 * @offset: the byte offset in @file
 * @gtid_set: (nullable): a GTID set, in the server's notation
 *
 * Creates a position from all its parts.  At least one of @file and
 * @gtid_set must be given.
 *
 * Returns: (transfer full): a new position
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_position_new_full (const char *file,
                                guint64     offset,
                                const char *gtid_set)
{
  MysqlBinlogPosition *self;

  g_return_val_if_fail (file != NULL || gtid_set != NULL, NULL);

  self = g_new0 (MysqlBinlogPosition, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->file = (file != NULL && *file != '\0') ? g_strdup (file) : NULL;
  self->offset = self->file != NULL ? offset : 0;
  self->gtid_set = NULL;
  if (gtid_set != NULL && *gtid_set != '\0')
    {
      g_autoptr(MysqlBinlogGtidSet) set = _mysql_binlog_gtid_set_parse (gtid_set, NULL);

      /* Keep a set this version cannot read as it is: the server may. */
      self->gtid_set = set != NULL ? _mysql_binlog_gtid_set_to_string (set) : g_strdup (gtid_set);
      if (*self->gtid_set == '\0' && self->file != NULL)
        g_clear_pointer (&self->gtid_set, g_free);
    }

  return self;
}

/**
 * mysql_binlog_position_new:
 * @file: the name of a binary log file, without directory
 * @offset: the byte offset in @file (4 is the first event after the header)
 *
 * Creates a position in a binary log file.
 *
 * Returns: (transfer full): a new position
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_position_new (const char *file,
                           guint64     offset)
{
  g_return_val_if_fail (file != NULL && *file != '\0', NULL);

  return mysql_binlog_position_new_full (file, offset, NULL);
}

/**
 * mysql_binlog_position_new_for_gtid_set:
 * @gtid_set: a GTID set: a MariaDB GTID list (`0-1-42,1-2-7`) or a MySQL
 *   GTID set (`3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5`)
 *
 * Creates a position given by global transaction identifiers.
 *
 * Returns: (transfer full): a new position
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_position_new_for_gtid_set (const char *gtid_set)
{
  g_return_val_if_fail (gtid_set != NULL && *gtid_set != '\0', NULL);

  return mysql_binlog_position_new_full (NULL, 0, gtid_set);
}

/**
 * mysql_binlog_position_ref:
 * @position: a position
 *
 * Acquires a reference on @position.
 *
 * Returns: (transfer full): @position
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_position_ref (MysqlBinlogPosition *position)
{
  g_return_val_if_fail (position != NULL, NULL);

  g_atomic_ref_count_inc (&position->ref_count);
  return position;
}

/**
 * mysql_binlog_position_unref:
 * @position: (transfer full): a position
 *
 * Releases a reference on @position, freeing it when it was the last.
 *
 * Since: 1.0
 */
void
mysql_binlog_position_unref (MysqlBinlogPosition *position)
{
  g_return_if_fail (position != NULL);

  if (!g_atomic_ref_count_dec (&position->ref_count))
    return;

  g_free (position->file);
  g_free (position->gtid_set);
  g_free (position->snapshot);
  g_clear_pointer (&position->schema, g_bytes_unref);
  g_free (position);
}

/**
 * mysql_binlog_position_get_file:
 * @position: a position
 *
 * Gets the binary log file name of @position.
 *
 * Returns: (nullable): the file name, or %NULL for a position given only by GTIDs
 *
 * Since: 1.0
 */
const char *
mysql_binlog_position_get_file (const MysqlBinlogPosition *position)
{
  g_return_val_if_fail (position != NULL, NULL);

  return position->file;
}

/**
 * mysql_binlog_position_get_offset:
 * @position: a position
 *
 * Gets the byte offset of @position in its file.
 *
 * Returns: the offset, or 0 when @position has no file
 *
 * Since: 1.0
 */
guint64
mysql_binlog_position_get_offset (const MysqlBinlogPosition *position)
{
  g_return_val_if_fail (position != NULL, 0);

  return position->offset;
}

/**
 * mysql_binlog_position_get_gtid_set:
 * @position: a position
 *
 * Gets the GTID set of @position.
 *
 * Returns: (nullable): the GTID set, or %NULL when @position has none
 *
 * Since: 1.0
 */
const char *
mysql_binlog_position_get_gtid_set (const MysqlBinlogPosition *position)
{
  g_return_val_if_fail (position != NULL, NULL);

  return position->gtid_set;
}

/**
 * mysql_binlog_position_to_string:
 * @position: a position
 *
 * Formats @position as `FILE:OFFSET`, `gtid:SET` or `FILE:OFFSET gtid:SET`,
 * the form [func@MysqlBinlog.Position.from_string] reads back.
 *
 * Returns: (transfer full): the string form of @position
 *
 * Since: 1.0
 */
char *
mysql_binlog_position_to_string (const MysqlBinlogPosition *position)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (position != NULL, NULL);

  if (position->file != NULL && position->gtid_set != NULL)
    text = g_strdup_printf ("%s:%" G_GUINT64_FORMAT " gtid:%s",
                            position->file, position->offset, position->gtid_set);
  else if (position->file != NULL)
    text = g_strdup_printf ("%s:%" G_GUINT64_FORMAT, position->file, position->offset);
  else
    text = g_strconcat ("gtid:", position->gtid_set, NULL);
  if (position->snapshot != NULL)
    return g_strconcat (text, " snapshot:", position->snapshot, NULL);
  return g_steal_pointer (&text);
}

static gboolean
parse_file_offset (const char  *text,
                   char       **file,
                   guint64     *offset)
{
  const char *colon = strrchr (text, ':');
  const char *digits;
  char *end = NULL;

  if (colon == NULL || colon == text)
    return FALSE;
  digits = colon + 1;
  if (!g_ascii_isdigit (*digits))
    return FALSE;

  errno = 0;
  *offset = g_ascii_strtoull (digits, &end, 10);
  if (errno != 0 || *end != '\0')
    return FALSE;

  *file = g_strndup (text, colon - text);
  return strchr (*file, ' ') == NULL && strchr (*file, '/') == NULL;
}

/**
 * mysql_binlog_position_from_string:
 * @string: a position as [method@MysqlBinlog.Position.to_string] writes it
 * @error: return location for a #GError, or %NULL
 *
 * Parses a position: `mariadb-bin.000002:4`, `gtid:0-1-42`, or
 * `mariadb-bin.000002:4 gtid:0-1-42`, each possibly followed by the
 * ` snapshot:PROGRESS` of a position saved during a snapshot.
 *
 * Returns: (transfer full): the position, or %NULL with
 *   %MYSQL_BINLOG_ERROR_INVALID_POSITION set in @error
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_position_from_string (const char  *string,
                                   GError     **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *file = NULL;
  const char *gtid = NULL;
  const char *snapshot = NULL;
  char *space;
  guint64 offset = 0;

  g_return_val_if_fail (string != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = g_strstrip (g_strdup (string));

  /* The progress of a snapshot comes last. */
  {
    char *part = strstr (copy, " snapshot:");

    if (part != NULL)
      {
        *part = '\0';
        snapshot = part + strlen (" snapshot:");
        if (!_mysql_binlog_snapshot_token_is_valid (snapshot))
          goto invalid;
        g_strchomp (copy);
      }
  }

  if (g_str_has_prefix (copy, "gtid:"))
    {
      gtid = copy + strlen ("gtid:");
    }
  else
    {
      space = strchr (copy, ' ');
      if (space != NULL)
        {
          *space = '\0';
          gtid = g_strchug (space + 1);
          if (!g_str_has_prefix (gtid, "gtid:"))
            goto invalid;
          gtid += strlen ("gtid:");
        }
      if (!parse_file_offset (copy, &file, &offset))
        goto invalid;
    }

  if (gtid != NULL && (*gtid == '\0' || strchr (gtid, ' ') != NULL))
    goto invalid;
  if (gtid != NULL)
    {
      g_autoptr(MysqlBinlogGtidSet) set = _mysql_binlog_gtid_set_parse (gtid, error);

      if (set == NULL)
        return NULL;
      if (_mysql_binlog_gtid_set_is_empty (set) && file == NULL)
        goto invalid;
    }

  {
    MysqlBinlogPosition *position = mysql_binlog_position_new_full (file, offset, gtid);

    position->snapshot = g_strdup (snapshot);
    return position;
  }

invalid:
  {
    g_autofree char *quoted = _mysql_binlog_quote_text (string, -1, MYSQL_BINLOG_QUOTE_MAX);

    g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                 "“%s” is not a binary log position: expected FILE:OFFSET, "
                 "gtid:SET or FILE:OFFSET gtid:SET", quoted);
  }
  return NULL;
}

/**
 * mysql_binlog_position_equal:
 * @a: a position
 * @b: another position
 *
 * Compares two positions: they are equal when their files, offsets and GTID
 * sets are all the same.
 *
 * Returns: %TRUE when @a and @b are the same position
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_position_equal (const MysqlBinlogPosition *a,
                             const MysqlBinlogPosition *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_strcmp0 (a->file, b->file) == 0 &&
         a->offset == b->offset &&
         g_strcmp0 (a->gtid_set, b->gtid_set) == 0 &&
         g_strcmp0 (a->snapshot, b->snapshot) == 0;
}

/**
 * mysql_binlog_position_hash:
 * @position: a position
 *
 * A hash of @position that agrees with [method@MysqlBinlog.Position.equal],
 * for hash tables.
 *
 * Returns: the hash value
 *
 * Since: 1.0
 */
guint
mysql_binlog_position_hash (const MysqlBinlogPosition *position)
{
  guint hash;

  g_return_val_if_fail (position != NULL, 0);

  hash = position->file != NULL ? g_str_hash (position->file) : 0;
  hash = hash * 31 + (guint) (position->offset ^ (position->offset >> 32));
  if (position->gtid_set != NULL)
    hash = hash * 31 + g_str_hash (position->gtid_set);
  if (position->snapshot != NULL)
    hash = hash * 31 + g_str_hash (position->snapshot);
  return hash;
}

/* Parses @gtid_set into *@other and the GTID set of @position (none:
 * the empty set) into *@mine; FALSE, with @error set, when either cannot
 * be parsed (the one parsed is the caller's to free). */
static gboolean
parse_sets (const MysqlBinlogPosition  *position,
            const char                 *gtid_set,
            MysqlBinlogGtidSet        **mine,
            MysqlBinlogGtidSet        **other,
            GError                    **error)
{
  *other = _mysql_binlog_gtid_set_parse (gtid_set, error);
  if (*other == NULL)
    return FALSE;
  *mine = _mysql_binlog_gtid_set_parse (position->gtid_set != NULL ? position->gtid_set : "",
                                        error);
  return *mine != NULL;
}

/**
 * mysql_binlog_position_contains_gtid_set:
 * @position: a position
 * @gtid_set: a GTID set in either server's notation
 *
 * Checks whether every transaction of @gtid_set is in the GTID set of
 * @position.  For MySQL GTID sets, every transaction number of every
 * UUID (and tag) of @gtid_set must be in one of @position's intervals;
 * for MariaDB GTID lists, every replication domain of @gtid_set must be in
 * @position with at least the same sequence number.
 *
 * Returns: %TRUE when @position includes @gtid_set; %FALSE when it does
 *   not, when the notations differ, or when either cannot be parsed
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_position_contains_gtid_set (const MysqlBinlogPosition *position,
                                         const char                *gtid_set)
{
  g_autoptr(MysqlBinlogGtidSet) mine = NULL;
  g_autoptr(MysqlBinlogGtidSet) other = NULL;

  g_return_val_if_fail (position != NULL, FALSE);
  g_return_val_if_fail (gtid_set != NULL, FALSE);

  if (!parse_sets (position, gtid_set, &mine, &other, NULL))
    return FALSE;
  return _mysql_binlog_gtid_set_contains (mine, other);
}

/**
 * mysql_binlog_position_add_gtid_set:
 * @position: a position
 * @gtid_set: a GTID set (or a single GTID) in the notation of @position's set
 * @error: return location for a #GError, or %NULL
 *
 * Creates a position with the file and offset of @position whose GTID set
 * is the union of @position's and @gtid_set.  For MariaDB GTID lists a
 * replication domain keeps the higher of the two sequence numbers.
 *
 * Returns: (transfer full): the new position, or %NULL with
 *   %MYSQL_BINLOG_ERROR_INVALID_POSITION set in @error when @gtid_set
 *   cannot be parsed or mixes the notations of MariaDB and MySQL
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_position_add_gtid_set (const MysqlBinlogPosition  *position,
                                    const char                 *gtid_set,
                                    GError                    **error)
{
  g_autoptr(MysqlBinlogGtidSet) mine = NULL;
  g_autoptr(MysqlBinlogGtidSet) other = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (position != NULL, NULL);
  g_return_val_if_fail (gtid_set != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_sets (position, gtid_set, &mine, &other, error))
    return NULL;
  if (!_mysql_binlog_gtid_set_union (mine, other, error))
    return NULL;

  text = _mysql_binlog_gtid_set_to_string (mine);
  if (position->file == NULL && *text == '\0')
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                           "A position needs a file or a GTID set");
      return NULL;
    }
  return mysql_binlog_position_new_full (position->file, position->offset, text);
}

/* Private: the progress of a snapshot (mysql-binlog-position-private.h). */

gboolean
_mysql_binlog_snapshot_token_is_valid (const char *token)
{
  if (token == NULL || *token == '\0')
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("%-._~,=;+", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* A new position of the same point, with the same private parts. */
static MysqlBinlogPosition *
position_copy (const MysqlBinlogPosition *position)
{
  MysqlBinlogPosition *copy = mysql_binlog_position_new_full (position->file, position->offset,
                                                              position->gtid_set);

  copy->snapshot = g_strdup (position->snapshot);
  copy->schema = position->schema != NULL ? g_bytes_ref (position->schema) : NULL;
  return copy;
}

MysqlBinlogPosition *
_mysql_binlog_position_with_snapshot (const MysqlBinlogPosition *position,
                                      const char                *token)
{
  MysqlBinlogPosition *copy = position_copy (position);

  g_clear_pointer (&copy->snapshot, g_free);
  g_return_val_if_fail (token == NULL || _mysql_binlog_snapshot_token_is_valid (token), copy);
  copy->snapshot = g_strdup (token);
  return copy;
}

const char *
_mysql_binlog_position_get_snapshot (const MysqlBinlogPosition *position)
{
  return position->snapshot;
}

/* Private: the table definitions in force at a position. */

MysqlBinlogPosition *
_mysql_binlog_position_with_schema (const MysqlBinlogPosition *position,
                                    GBytes                    *schema)
{
  MysqlBinlogPosition *copy = position_copy (position);

  g_clear_pointer (&copy->schema, g_bytes_unref);
  copy->schema = schema != NULL ? g_bytes_ref (schema) : NULL;
  return copy;
}

GBytes *
_mysql_binlog_position_get_schema (const MysqlBinlogPosition *position)
{
  return position->schema;
}
