/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mysql-binlog-file-position-store-private.h"
#include "mysql-binlog-error-private.h"
#include "mysql-binlog-position.h"
#include "mysql-binlog-position-private.h"

/* A position is one line: a file name, an offset and a GTID set, which
 * for MySQL may list many servers.  Anything longer is not a position. */
#define MAX_FILE_SIZE (1024 * 1024)

/**
 * MysqlBinlogFilePositionStore:
 *
 * A [iface@MysqlBinlog.PositionStore] that keeps the position in a file,
 * as one line of text in the form [method@MysqlBinlog.Position.to_string]
 * writes.
 *
 * Loading a missing file finds no saved position: the stream then starts
 * where it would without a store.  A file that exists but holds no
 * position (empty, blank, or anything else) is an error,
 * %MYSQL_BINLOG_ERROR_INVALID_POSITION, since this store never writes
 * such a file.
 *
 * Saving replaces the file atomically and durably: the new contents go to
 * a temporary file in the same directory, which is flushed to disk, renamed
 * over the old file, and the directory is flushed too.  A crash at any
 * moment leaves either the old position or the new one, never a torn file.
 * Files that are not local go through [method@Gio.File.replace_contents],
 * as atomic as their GIO backend makes it.
 *
 * Beside the position, in a file of the same name with `.schema-history`
 * appended, the store keeps the table definitions that the saved position
 * carries (a position that a stream delivered, see
 * [signal@MysqlBinlog.Stream::binlog-position]), written the same way and
 * before the position.  [method@MysqlBinlog.PositionStore.load] gives
 * them back with the position, so that a stream started there gives every
 * row the names its table had when the row was written.  A position saved
 * without definitions is saved as such: a stream started there reads them
 * afresh.
 *
 * ```c
 * g_autoptr(GFile) file = g_file_new_for_path ("/var/lib/myapp/binlog.position");
 * g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
 * g_object_set (stream, "position-store", store, NULL);
 * ```
 *
 * Since: 1.0
 */

struct _MysqlBinlogFilePositionStore
{
  GObject parent_instance;

  GFile *file;
  /* Once this store saved a position: the state the history beside the
   * file gives the positions saved from then on (NULL: none). */
  gboolean history_saved;
  GBytes *saved_schema;
};

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mysql_binlog_file_position_store_iface_init (MysqlBinlogPositionStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MysqlBinlogFilePositionStore, mysql_binlog_file_position_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYSQL_BINLOG_TYPE_POSITION_STORE,
                                                      mysql_binlog_file_position_store_iface_init))

static void
mysql_binlog_file_position_store_dispose (GObject *object)
{
  MysqlBinlogFilePositionStore *self = MYSQL_BINLOG_FILE_POSITION_STORE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->saved_schema, g_bytes_unref);

  G_OBJECT_CLASS (mysql_binlog_file_position_store_parent_class)->dispose (object);
}

static void
mysql_binlog_file_position_store_get_property (GObject    *object,
                                               guint       prop_id,
                                               GValue     *value,
                                               GParamSpec *pspec)
{
  MysqlBinlogFilePositionStore *self = MYSQL_BINLOG_FILE_POSITION_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mysql_binlog_file_position_store_set_property (GObject      *object,
                                               guint         prop_id,
                                               const GValue *value,
                                               GParamSpec   *pspec)
{
  MysqlBinlogFilePositionStore *self = MYSQL_BINLOG_FILE_POSITION_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_set_object (&self->file, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mysql_binlog_file_position_store_class_init (MysqlBinlogFilePositionStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mysql_binlog_file_position_store_dispose;
  object_class->get_property = mysql_binlog_file_position_store_get_property;
  object_class->set_property = mysql_binlog_file_position_store_set_property;

  /**
   * MysqlBinlogFilePositionStore:file: (getter get_file)
   *
   * The file that holds the position.  Its directory must exist.
   *
   * Since: 1.0
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mysql_binlog_file_position_store_init (MysqlBinlogFilePositionStore *self)
{
}

static GFile *schema_file (MysqlBinlogFilePositionStore *self);
static gboolean save_history (MysqlBinlogFilePositionStore  *self,
                              MysqlBinlogPosition           *position,
                              GError                       **error);

static MysqlBinlogPosition *
file_store_load (MysqlBinlogPositionStore  *store,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  MysqlBinlogFilePositionStore *self = MYSQL_BINLOG_FILE_POSITION_STORE (store);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  MysqlBinlogPosition *position;
  gsize length;

  if (self->file == NULL)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "The file position store has no file");
      return NULL;
    }

  if (!g_file_load_contents (self->file, cancellable, &contents, &length, NULL, &local_error))
    {
      /* Only a missing file means that nothing was saved yet. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* Saving replaces the file atomically with a whole line, so a file that
   * is empty, blank, or not one line of text was written by something
   * else (a touch, a restore, a copy cut short): a corrupt store.  Taking
   * it for "nothing saved" would start at the server's end and skip
   * every change since the last save. */
  name = g_file_get_parse_name (self->file);
  if (length > MAX_FILE_SIZE || memchr (contents, '\0', length) != NULL)
    {
      g_autofree char *quoted = _mysql_binlog_quote_text (contents, length, MYSQL_BINLOG_QUOTE_MAX);

      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                   "The position file “%s” is corrupt: %" G_GSIZE_FORMAT " bytes that are "
                   "not a line of text (“%s”); restore it, or remove it to start "
                   "as without a saved position", name, length, quoted);
      return NULL;
    }
  if (*g_strstrip (contents) == '\0')
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                   "The position file “%s” is corrupt: it is %s, but a saved position "
                   "file always holds a position; restore it, or remove it to start "
                   "as without a saved position", name,
                   length == 0 ? "empty" : "blank");
      return NULL;
    }

  position = mysql_binlog_position_from_string (contents, &local_error);
  if (position == NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION,
                   "The position file “%s” holds no position: %s", name, local_error->message);
      return NULL;
    }

  /* The definitions in force there, from the history beside it. */
  {
    g_autoptr(GFile) history = schema_file (self);
    g_autofree char *why = NULL;
    g_autoptr(GBytes) schema = _mysql_binlog_schema_history_file_load (history, position, &why);
    MysqlBinlogPosition *with_schema;

    if (schema == NULL)
      {
        g_debug ("The table definitions at the position saved in “%s” are read afresh: %s",
                 name, why);
        return position;
      }
    with_schema = _mysql_binlog_position_with_schema (position, schema);
    mysql_binlog_position_unref (position);
    return with_schema;
  }
}

static gboolean
sync_directory (GFile   *file,
                GError **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *path = parent != NULL ? g_file_get_path (parent) : NULL;
  int fd, saved_errno;

  if (path == NULL)
    return TRUE;
  fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    goto failed;
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved_errno = errno;
      close (fd);
      errno = saved_errno;
      goto failed;
    }
  close (fd);
  return TRUE;

failed:
  saved_errno = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "Could not flush the directory “%s” to disk: %s", path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
file_store_save (MysqlBinlogPositionStore  *store,
                 MysqlBinlogPosition       *position,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  MysqlBinlogFilePositionStore *self = MYSQL_BINLOG_FILE_POSITION_STORE (store);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;

  if (self->file == NULL)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "The file position store has no file");
      return FALSE;
    }

  /* The history first: the position file never names a point whose
   * definitions the file beside it lacks, or gives wrongly. */
  if (!save_history (self, position, error))
    return FALSE;

  text = mysql_binlog_position_to_string (position);
  contents = g_strconcat (text, "\n", NULL);
  path = g_file_get_path (self->file);

  if (path == NULL)
    return g_file_replace_contents (self->file, contents, strlen (contents), NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, cancellable, error);

  /* A temporary file, flushed, then renamed over the old one. */
  if (!g_file_set_contents_full (path, contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, error))
    return FALSE;
  /* The rename itself is durable once the directory is. */
  return sync_directory (self->file, error);
}

/* The schema history beside the position: see
 * mysql-binlog-file-position-store-private.h.  Its lines:
 *
 *   # libmysqlbinlog-glib schema history
 *   <position>\t<state>
 *   <position>\t<state>
 *
 * oldest first, each state on one line (GVariant text has no newline). */

#define SCHEMA_HEADER "# libmysqlbinlog-glib schema history"

static GFile *
schema_file (MysqlBinlogFilePositionStore *self)
{
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *name = g_strconcat (basename, ".schema-history", NULL);
  g_autoptr(GFile) parent = g_file_get_parent (self->file);

  return parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

/* The binary log file's number: the digits after its last dot. */
static gboolean
log_number (const char *file,
            gsize      *prefix_length,
            guint64    *number)
{
  const char *dot = file != NULL ? strrchr (file, '.') : NULL;

  if (dot == NULL || !g_ascii_string_to_unsigned (dot + 1, 10, 0, G_MAXUINT64, number, NULL))
    return FALSE;
  *prefix_length = dot - file;
  return TRUE;
}

/* Whether @a is at or before @b in the binary log: both name a file and
 * an offset of the same series of files.  FALSE when that is not known. */
static gboolean
position_at_or_before (MysqlBinlogPosition *a,
                       MysqlBinlogPosition *b)
{
  const char *file_a = mysql_binlog_position_get_file (a);
  const char *file_b = mysql_binlog_position_get_file (b);
  gsize prefix_a, prefix_b;
  guint64 number_a, number_b;

  if (file_a == NULL || file_b == NULL)
    return mysql_binlog_position_equal (a, b);
  if (!log_number (file_a, &prefix_a, &number_a) || !log_number (file_b, &prefix_b, &number_b) ||
      prefix_a != prefix_b || strncmp (file_a, file_b, prefix_a) != 0)
    return FALSE;
  if (number_a != number_b)
    return number_a < number_b;
  return mysql_binlog_position_get_offset (a) <= mysql_binlog_position_get_offset (b);
}

/* The lines of the file after its header, or an empty array. */
static GPtrArray *
schema_lines (GFile *file)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    return kept;
  lines = g_strsplit (contents, "\n", -1);
  if (lines[0] == NULL || strcmp (lines[0], SCHEMA_HEADER) != 0)
    return kept;
  for (guint i = 1; lines[i] != NULL; i++)
    if (strchr (lines[i], '\t') != NULL)
      g_ptr_array_add (kept, g_strdup (lines[i]));
  return kept;
}

/* Writes the history file: the last state it held (for the position
 * saved before, which stays in the position file should this one not be
 * written), then @schema (NULL: none known) for @position.  A position
 * saved without definitions gets a line without a state, so that the
 * state of an earlier position is never taken for its own. */
static gboolean
write_history (MysqlBinlogFilePositionStore  *self,
               MysqlBinlogPosition           *position,
               GBytes                        *schema,
               GError                       **error)
{
  g_autoptr(GFile) file = schema_file (self);
  g_autoptr(GPtrArray) lines = schema_lines (file);
  g_autoptr(GString) contents = g_string_new (SCHEMA_HEADER "\n");
  g_autofree char *text = mysql_binlog_position_to_string (position);
  g_autofree char *path = g_file_get_path (file);
  const char *last = lines->len > 0 ? g_ptr_array_index (lines, lines->len - 1) : NULL;
  gsize length = 0;
  const char *data = schema != NULL ? g_bytes_get_data (schema, &length) : NULL;

  /* Nothing saved gives a state to this position already. */
  if (schema == NULL && (last == NULL || strchr (last, '\t')[1] == '\0'))
    return TRUE;
  if (length > 0 && memchr (data, '\n', length) != NULL)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_FAILED,
                           "A schema history state of more than one line");
      return FALSE;
    }
  if (last != NULL)
    g_string_append_printf (contents, "%s\n", last);
  g_string_append_printf (contents, "%s\t", text);
  g_string_append_len (contents, data, length);
  g_string_append_c (contents, '\n');

  if (path == NULL)
    return g_file_replace_contents (file, contents->str, contents->len, NULL, FALSE,
                                    G_FILE_CREATE_NONE, NULL, NULL, error);
  if (!g_file_set_contents_full (path, contents->str, contents->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, error))
    return FALSE;
  return sync_directory (file, error);
}

/* Saves the definitions @position carries beside it, unless this store
 * saved the same ones last: a stream's positions share them until a DDL
 * statement changes them.  The first save of a store always writes: a
 * history another writer left is not this one's. */
static gboolean
save_history (MysqlBinlogFilePositionStore  *self,
              MysqlBinlogPosition           *position,
              GError                       **error)
{
  GBytes *schema = _mysql_binlog_position_get_schema (position);
  g_autoptr(GError) local_error = NULL;

  if (self->history_saved &&
      (schema == self->saved_schema ||
       (schema != NULL && self->saved_schema != NULL && g_bytes_equal (schema, self->saved_schema))))
    return TRUE;
  if (!write_history (self, position, schema, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Saving the schema history: ");
      return FALSE;
    }
  g_clear_pointer (&self->saved_schema, g_bytes_unref);
  self->saved_schema = schema != NULL ? g_bytes_ref (schema) : NULL;
  self->history_saved = TRUE;
  return TRUE;
}

GBytes *
_mysql_binlog_schema_history_file_load (GFile                *file,
                                        MysqlBinlogPosition  *position,
                                        char                **why)
{
  g_autoptr(GPtrArray) lines = schema_lines (file);

  /* The state saved at the latest position at or before this one,
   * whatever the order of the lines (a file edited by hand). */
  g_autoptr(MysqlBinlogPosition) best_at = NULL;
  const char *best = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *tab = strchr (line, '\t');
      g_autofree char *text = g_strndup (line, tab - line);
      g_autoptr(MysqlBinlogPosition) saved_at = mysql_binlog_position_from_string (text, NULL);

      if (saved_at == NULL || !position_at_or_before (saved_at, position))
        continue;
      if (best_at != NULL && !position_at_or_before (best_at, saved_at))
        continue;
      g_clear_pointer (&best_at, mysql_binlog_position_unref);
      best_at = g_steal_pointer (&saved_at);
      best = tab + 1;
    }
  if (best != NULL && *best == '\0')
    {
      g_autofree char *text = mysql_binlog_position_to_string (best_at);

      *why = g_strdup_printf ("the position %s was saved without the definitions in force "
                              "there", text);
      return NULL;
    }
  if (best != NULL)
    return g_bytes_new (best, strlen (best));
  *why = g_strdup (lines->len == 0 ? "no schema history was saved beside it"
                                   : "the schema history beside it holds none for it");
  return NULL;
}

static void
mysql_binlog_file_position_store_iface_init (MysqlBinlogPositionStoreInterface *iface)
{
  iface->load = file_store_load;
  iface->save = file_store_save;
}

/**
 * mysql_binlog_file_position_store_new:
 * @file: the file that holds (or will hold) the position
 *
 * Creates a position store that keeps the position in @file.  Nothing is
 * read or written until the store is used.
 *
 * Returns: (transfer full): a new position store
 *
 * Since: 1.0
 */
MysqlBinlogFilePositionStore *
mysql_binlog_file_position_store_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (MYSQL_BINLOG_TYPE_FILE_POSITION_STORE, "file", file, NULL);
}

/**
 * mysql_binlog_file_position_store_get_file: (get-property file)
 * @store: a file position store
 *
 * Gets the file that holds the position.
 *
 * Returns: (transfer none): the file
 *
 * Since: 1.0
 */
GFile *
mysql_binlog_file_position_store_get_file (MysqlBinlogFilePositionStore *store)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_FILE_POSITION_STORE (store), NULL);

  return store->file;
}
