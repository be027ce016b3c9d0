// yuanwen web page: script (placeholder)
