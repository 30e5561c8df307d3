-- Inner and left joins.
CREATE TABLE authors (id integer PRIMARY KEY, name text NOT NULL, country text);
CREATE TABLE books (id integer PRIMARY KEY, title text NOT NULL, author_id integer, year integer, pages integer);
CREATE TABLE reviews (book_id integer, stars integer, reviewer text);
INSERT INTO authors VALUES (1, 'Austen', 'UK'), (2, 'Tolstoy', 'RU'), (3, 'Borges', 'AR'), (4, 'Nobody', NULL);
INSERT INTO books VALUES
  (10, 'Emma', 1, 1815, 474),
  (11, 'Persuasion', 1, 1817, 249),
  (12, 'War and Peace', 2, 1869, 1225),
  (13, 'Ficciones', 3, 1944, 174),
  (14, 'Anonymous Tract', NULL, 1700, 20),
  (15, 'Anna Karenina', 2, 1878, 864);
INSERT INTO reviews VALUES (10, 5, 'amy'), (10, 4, 'bob'), (12, 3, 'amy'), (13, 5, 'cat'), (99, 1, 'zed');
SELECT a.name, b.title FROM authors a JOIN books b ON b.author_id = a.id ORDER BY a.name, b.title;
SELECT a.name, b.title FROM authors a INNER JOIN books b ON b.author_id = a.id WHERE b.year > 1850 ORDER BY b.year;
SELECT a.name, b.title FROM authors a LEFT JOIN books b ON b.author_id = a.id ORDER BY a.id, b.id;
SELECT a.name, b.title FROM authors a LEFT OUTER JOIN books b ON b.author_id = a.id WHERE b.id IS NULL;
SELECT b.title, a.name FROM books b LEFT JOIN authors a ON a.id = b.author_id ORDER BY b.id;
SELECT b.title, COALESCE(a.name, 'unknown') AS author FROM books b LEFT JOIN authors a ON a.id = b.author_id ORDER BY b.id;
SELECT b.title, r.stars, r.reviewer FROM books b JOIN reviews r ON r.book_id = b.id ORDER BY b.title, r.reviewer;
SELECT a.name, b.title, r.stars FROM authors a JOIN books b ON b.author_id = a.id JOIN reviews r ON r.book_id = b.id ORDER BY a.name, b.title, r.stars;
SELECT a.name, b.title, r.stars FROM authors a JOIN books b ON b.author_id = a.id LEFT JOIN reviews r ON r.book_id = b.id ORDER BY a.name, b.title, r.stars;
SELECT b.title, r.stars FROM books b LEFT JOIN reviews r ON r.book_id = b.id AND r.stars >= 5 ORDER BY b.id, r.stars;
SELECT a.name, count(b.id) AS books FROM authors a LEFT JOIN books b ON b.author_id = a.id GROUP BY a.name ORDER BY a.name;
SELECT a.name, sum(b.pages) AS pages FROM authors a JOIN books b ON b.author_id = a.id GROUP BY a.name ORDER BY pages DESC;
SELECT a.country, count(*) AS n FROM authors a JOIN books b ON a.id = b.author_id GROUP BY a.country ORDER BY a.country;
SELECT * FROM authors a JOIN books b ON b.author_id = a.id WHERE a.id = 3;
SELECT a.*, b.title FROM authors a JOIN books b ON b.author_id = a.id WHERE b.year < 1820 ORDER BY b.year;
SELECT x.name AS first, y.name AS second FROM authors x JOIN authors y ON x.id < y.id ORDER BY x.id, y.id;
SELECT a.name, b.title FROM authors a, books b WHERE a.id = b.author_id AND a.country = 'RU' ORDER BY b.title;
SELECT a.name, b.title FROM authors a JOIN books b ON true WHERE a.id = 1 AND b.year > 1900;
SELECT a.name FROM authors a LEFT JOIN books b ON b.author_id = a.id AND b.year > 1900 WHERE b.id IS NULL ORDER BY a.name;
SELECT b1.title, b2.title AS later FROM books b1 JOIN books b2 ON b1.author_id = b2.author_id AND b1.year < b2.year ORDER BY b1.title;
SELECT r.reviewer, b.title FROM reviews r LEFT JOIN books b ON b.id = r.book_id ORDER BY r.reviewer, r.book_id;
SELECT DISTINCT r.reviewer FROM reviews r JOIN books b ON b.id = r.book_id ORDER BY r.reviewer;
SELECT id FROM authors JOIN books ON books.author_id = authors.id;
SELECT authors.name, books.title FROM authors JOIN books ON books.author_id = authors.id WHERE authors.name LIKE 'A%' ORDER BY books.title;
SELECT a.name, b.nosuch FROM authors a JOIN books b ON b.author_id = a.id;
SELECT a.name FROM authors a JOIN books b ON b.author_id = c.id;
