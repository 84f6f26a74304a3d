"""Django's PostgreSQL backend, saying at once why a pooled connection cannot be made.

psycopg's pool retries a refused connection in the background and, 30 s later, says only
"couldn't get a connection": `manage.py migrate` against a database that does not exist
waited that long and hid the cause in log lines above. The first connection a process makes
is made directly, so its error ("database "claimtrack" does not exist", a wrong password, a
server that is down) is raised at once; later ones come from the pool as before."""

from django.db.backends.postgresql import base

_reached = set()  # aliases this process has connected to once


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if self.pool is not None and self.alias not in _reached:
            self.Database.connect(**conn_params).close()
            _reached.add(self.alias)
        return super().get_new_connection(conn_params)
