DROP TABLE funding_promotions;
