-- The company directory (/companies) lists names in order with a prefix search and keyset
-- pages by (lower(name), id): each page is a range of this index.
CREATE INDEX `companies_name_lower_idx` ON `companies` (lower("name"),`id`);