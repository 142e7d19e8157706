"""Löfte: medborgarlöften planned, carried out, followed up and reported in public."""
