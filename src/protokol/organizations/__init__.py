"""Bodies that receive or co-execute instructions: regional authorities, departments, others."""
