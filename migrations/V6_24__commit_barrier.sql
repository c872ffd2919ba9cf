-- One row that Database.persistCommits() updates on embedded H2 to move H2's file header past every
-- transaction committed before it (docs/reliability.md#embedded-h2-under-kill--9). Unused on
-- PostgreSQL, where a commit is durable when it returns.
CREATE TABLE commit_barrier (
  id INT PRIMARY KEY,
  writes BIGINT NOT NULL
);
INSERT INTO commit_barrier (id, writes) VALUES (1, 0);
